package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the callback cases of Node's {@code test/parallel/test-stream-writable-destroy.js}
 * (as Node 20 behaves): destroy on a destroyed stream, a second destroy while {@code doDestroy}
 * is pending, {@code end(cb)} after error/finish and destroy, buffered write callbacks after a
 * failed write, and writes around a destroy while corked. Expected orders were recorded with
 * Node 20.
 */
class WritableDestroyCallbackTest {

  private static Writable<String> sink() {
    return new Writable<>(StreamOptions.objects()) {
      @Override
      protected void doWrite(String chunk, Callback callback) {
        callback.done();
      }
    };
  }

  @Test
  void destroyingADestroyedStreamOnlyCallsTheCallbackWithoutAnError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink());
      w.destroy();
      w.destroy(new IllegalStateException("kaboom"), log.cb("cb"));
      log.add("errored:" + LifecycleLog.code(w.errored()));
    });
    assertEquals(List.of("cb:null", "errored:null", "close"), log.events);
  }

  @Test
  void aSecondDestroyWhileDoDestroyIsPendingDoesNotChangeTheEmittedError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doDestroy(Throwable error, Callback callback) {
          loop().nextTick(() -> callback.done(new IllegalStateException("kaboom 1")));
        }
      });
      w.destroy();
      w.destroy(new IllegalStateException("kaboom 2"));
    });
    assertEquals(List.of("error:kaboom 1", "close"), log.events);
  }

  @Test
  void endCalledWhileDoDestroyIsPendingNeverFinishes() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doDestroy(Throwable error, Callback callback) {
          loop().nextTick(() -> {
            end();
            callback.done();
          });
        }
      });
      w.destroy();
    });
    assertEquals(List.of("close"), log.events);
  }

  @Test
  void endCallbackAfterAnErrorAndDestroyGetsErrStreamDestroyedOnTheNextTick() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done(new IllegalStateException("asd"));
        }
      });
      w.on(Stream.ERROR, e -> {
        w.destroy();
        boolean[] ticked = {false};
        w.end(err -> log.add("end cb:" + LifecycleLog.code(err) + " ticked:" + ticked[0]));
        ticked[0] = true;
      });
      w.write("asd");
    });
    assertEquals(List.of("error:asd", "close", "end cb:ERR_STREAM_DESTROYED ticked:true"), log.events);
  }

  @Test
  void endCallbackAfterFinishAndDestroyGetsErrStreamAlreadyFinishedOnTheNextTick() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink());
      w.on(Stream.FINISH, () -> {
        w.destroy();
        boolean[] ticked = {false};
        w.end(err -> log.add("end cb:" + LifecycleLog.code(err) + " ticked:" + ticked[0]));
        ticked[0] = true;
      });
      w.end();
    });
    assertEquals(List.of("prefinish", "finish", "close",
        "end cb:ERR_STREAM_ALREADY_FINISHED ticked:true"), log.events);
  }

  @Test
  void endWithAChunkThenDestroyWithAnErrorFailsTheEndCallbackFirst() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          loop().nextTick(callback::done);
        }
      });
      w.end("asd", log.cb("end cb"));
      w.destroy(new IllegalStateException("asd"));
    });
    assertEquals(List.of("end cb:asd", "error:asd", "close"), log.events);
  }

  @Test
  void withoutAutoDestroyAFailedWriteFailsTheBufferedWriteWithTheSameError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects().autoDestroy(false)) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          loop().nextTick(() -> callback.done(new IllegalStateException("asd")));
        }
      });
      w.cork();
      w.write("a", log.cb("cb1"));
      w.write("b", log.cb("cb2"));
      w.uncork();
    });
    assertEquals(List.of("cb1:asd", "cb2:asd", "error:asd"), log.events);
  }

  @Test
  void writesBufferedOrMadeAfterADestroyWhileCorkedGetErrStreamDestroyed() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink());
      w.cork();
      w.write("a", log.cb("cb1"));
      w.uncork();
      w.cork();
      w.write("b", log.cb("cb2"));
      w.destroy();
      w.write("c", log.cb("cb3"));
      w.uncork();
    });
    assertEquals(List.of("cb1:null", "cb2:ERR_STREAM_DESTROYED", "close", "cb3:ERR_STREAM_DESTROYED"),
        log.events);
  }
}
