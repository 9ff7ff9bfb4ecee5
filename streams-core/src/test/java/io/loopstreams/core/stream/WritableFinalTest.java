package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-writable-final-async.js}, {@code
 * test-stream-writable-final-throw.js} and {@code test-stream-writable-final-destroy.js}: {@code
 * doFinal} runs inside {@code end()} once writes completed, then PREFINISH, the end callback,
 * FINISH (next tick) and CLOSE; a failing or throwing {@code doFinal} errors the stream; a second
 * call is {@code ERR_MULTIPLE_CALLBACK}. Expected orders were recorded with Node 20.
 */
class WritableFinalTest {

  /** A sink whose doFinal is {@code fin}. */
  private static Writable<String> withFinal(LifecycleLog log, java.util.function.Consumer<Callback> fin) {
    return log.watch(new Writable<String>(StreamOptions.objects()) {
      @Override
      protected void doWrite(String chunk, Callback callback) {
        log.add("write");
        callback.done();
      }

      @Override
      protected void doFinal(Callback callback) {
        fin.accept(callback);
      }
    });
  }

  @Test
  void anAsynchronousDoFinalRunsBeforePrefinishFinishAndClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = withFinal(log, cb -> {
        log.add("final");
        loop.setImmediate(() -> {
          log.add("final done");
          cb.done();
        });
      });
      w.write("x", log.cb("write cb"));
      w.end(log.cb("end cb"));
      log.add("sync");
    });
    assertEquals(List.of("write", "final", "sync", "write cb:null", "final done", "prefinish",
        "end cb:null", "finish", "close"), log.events);
  }

  @Test
  void aSynchronousDoFinalRunsInsideEndAndFinishStillWaitsForTheNextTick() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = withFinal(log, cb -> {
        log.add("final");
        cb.done();
      });
      w.end(log.cb("end cb"));
      log.add("sync");
    });
    assertEquals(List.of("final", "prefinish", "sync", "end cb:null", "finish", "close"), log.events);
  }

  @Test
  void aThrowingDoFinalEmitsErrorAndCloseAndFailsTheEndCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = withFinal(log, cb -> {
        throw new IllegalStateException("final-throw");
      });
      w.end(log.cb("end cb"));
      log.add("sync");
    });
    assertEquals(List.of("sync", "error:final-throw", "close", "end cb:final-throw"), log.events);
  }

  @Test
  void aDoFinalCallingBackWithAnErrorFailsTheEndCallbackBeforeError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = withFinal(log,
          cb -> loop.setImmediate(() -> cb.done(new IllegalStateException("final-err"))));
      w.end(log.cb("end cb"));
    });
    assertEquals(List.of("end cb:final-err", "error:final-err", "close"), log.events);
  }

  @Test
  void aDoFinalCallbackCalledTwiceErrorsWithErrMultipleCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = withFinal(log, cb -> loop.setImmediate(() -> {
        cb.done();
        cb.done();
      }));
      w.end(log.cb("end cb"));
    });
    assertEquals(List.of("prefinish", "end cb:null", "finish", "error:ERR_MULTIPLE_CALLBACK",
        "close"), log.events);
  }

  @Test
  void destroyWhileDoFinalIsPendingFailsTheEndCallbackAndNeverFinishes() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = withFinal(log, cb -> {
        log.add("final");
        loop.setImmediate(() -> {
          log.add("final done");
          cb.done();
        });
      });
      w.end(log.cb("end cb"));
      loop.nextTick(w::destroy);
    });
    assertEquals(List.of("final", "end cb:ERR_STREAM_DESTROYED", "close", "final done"), log.events);
  }
}
