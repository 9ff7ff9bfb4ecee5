package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-writable-end-cb-error.js}, {@code
 * test-stream-writable-end-multiple.js} and {@code test-stream-writable-finish-destroyed.js}:
 * the end callback runs right before FINISH or with the error; {@code end(cb)} after FINISH gets
 * {@code ERR_STREAM_ALREADY_FINISHED}; a destroy before FINISH means CLOSE without FINISH.
 * Expected orders were recorded with Node 20.
 */
class WritableEndTest {

  private static Writable<String> sink(LifecycleLog log, boolean async) {
    return log.watch(new Writable<String>(StreamOptions.objects()) {
      @Override
      protected void doWrite(String chunk, Callback callback) {
        log.add("write");
        if (async) {
          loop().setImmediate(callback::done);
        } else {
          callback.done();
        }
      }
    });
  }

  @Test
  void aHealthyWritableEmitsPrefinishFinishThenClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(log, true);
      w.write("a", log.cb("write cb"));
      w.end(log.cb("end cb"));
      log.add("ended:" + w.writableEnded() + " finished:" + w.writableFinished());
      w.on(Stream.FINISH, () -> log.add("finished:" + w.writableFinished() + " closed:" + w.closed()));
    });
    assertEquals(List.of("write", "ended:true finished:false", "write cb:null", "prefinish",
        "end cb:null", "finish", "finished:true closed:false", "close"), log.events);
  }

  @Test
  void endCallbackAfterFinishGetsErrStreamAlreadyFinishedOnTheNextTick() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(log, false);
      w.end();
      w.on(Stream.FINISH, () -> {
        w.end(log.cb("end2 cb"));
        log.add("after end2");
      });
    });
    assertEquals(List.of("prefinish", "finish", "after end2", "end2 cb:ERR_STREAM_ALREADY_FINISHED",
        "close"), log.events);
  }

  @Test
  void endCallbackAfterCloseGetsErrStreamAlreadyFinished() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(log, false);
      w.end();
      w.on(Stream.CLOSE, () -> w.end(log.cb("end2 cb")));
    });
    assertEquals(List.of("prefinish", "finish", "close", "end2 cb:ERR_STREAM_ALREADY_FINISHED"),
        log.events);
  }

  @Test
  void repeatedEndBeforeFinishQueuesBothCallbacks() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(log, false);
      w.end(log.cb("end1 cb"));
      w.end(log.cb("end2 cb"));
    });
    assertEquals(List.of("prefinish", "end1 cb:null", "end2 cb:null", "finish", "close"), log.events);
  }

  @Test
  void anAsynchronousWriteErrorFailsTheWriteThenTheEndCallbackThenEmitsError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          loop().setImmediate(() -> callback.done(new IllegalStateException("kaboom")));
        }
      });
      w.write("x", log.cb("write cb"));
      w.end(log.cb("end cb"));
    });
    assertEquals(List.of("write cb:kaboom", "end cb:kaboom", "error:kaboom", "close"), log.events);
  }

  @Test
  void aSynchronousWriteErrorFailsTheWriteThenTheEndCallbackOnTheNextTick() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done(new IllegalStateException("kaboom"));
        }
      });
      w.write("x", log.cb("write cb"));
      w.end(log.cb("end cb"));
      log.add("sync");
    });
    assertEquals(List.of("sync", "write cb:kaboom", "end cb:kaboom", "error:kaboom", "close"),
        log.events);
  }

  @Test
  void destroyAfterEndWhileAWriteIsPendingClosesWithoutFinish() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(log, true);
      w.write("x");
      w.end(log.cb("end cb"));
      w.destroy();
    });
    assertEquals(List.of("write", "close", "end cb:ERR_STREAM_DESTROYED"), log.events);
  }

  @Test
  void destroyInPrefinishPreventsFinish() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(log, false);
      w.on(Stream.PREFINISH, () -> w.destroy());
      w.end();
    });
    assertEquals(List.of("prefinish", "close"), log.events);
  }

  @Test
  void finishComesOnATickAfterTheLastWriteCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> sync = sink(log, false);
      sync.write("a", e -> {
        log.add("cb");
        loop.nextTick(() -> log.add("tick after cb"));
      });
      sync.end();
    });
    assertEquals(List.of("write", "prefinish", "cb", "tick after cb", "finish", "close"), log.events);
  }

  @Test
  void finishComesOnATickAfterAnAsynchronousWriteCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(log, true);
      w.write("a", e -> {
        log.add("cb");
        loop.nextTick(() -> log.add("tick after cb"));
      });
      w.end();
    });
    assertEquals(List.of("write", "cb", "prefinish", "tick after cb", "finish", "close"), log.events);
  }
}
