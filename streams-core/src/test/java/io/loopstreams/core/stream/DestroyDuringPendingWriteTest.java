package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the pending-write cases of Node's {@code
 * test/parallel/test-stream-writable-destroy.js} and {@code test-stream-write-destroy.js}:
 * buffered writes and end callbacks are failed with the destroy error (or {@code
 * ERR_STREAM_DESTROYED}); the write in flight gets what its hook reports. Expected orders were
 * recorded with Node 20.
 */
class DestroyDuringPendingWriteTest {

  /** A sink that keeps the callback of the write in flight in {@code pending[0]}. */
  private static Writable<String> stalled(LifecycleLog log, Callback[] pending, boolean failInDestroy) {
    return new Writable<>(StreamOptions.objects()) {
      @Override
      protected void doWrite(String chunk, Callback callback) {
        log.add("write:" + chunk);
        pending[0] = callback;
      }

      @Override
      protected void doDestroy(Throwable error, Callback callback) {
        if (failInDestroy) {
          log.add("doDestroy");
          pending[0].done(error != null ? error : new IllegalStateException("aborted"));
        }
        callback.done(error);
      }
    };
  }

  @Test
  void bufferedWritesAndTheEndCallbackGetTheDestroyErrorOnceThePendingWriteReturns() {
    LifecycleLog log = new LifecycleLog();
    Callback[] pending = new Callback[1];
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(stalled(log, pending, false));
      for (String x : List.of("a", "b", "c")) {
        w.write(x, log.cb("cb " + x));
      }
      w.end(log.cb("end cb"));
      w.destroy(new IllegalStateException("boom"));
      log.add("sync");
      loop.setImmediate(() -> {
        log.add("late");
        pending[0].done();
      });
    });
    assertEquals(List.of("write:a", "sync", "error:boom", "close", "late", "cb a:null",
        "cb b:boom", "cb c:boom", "end cb:boom"), log.events);
  }

  @Test
  void aDoDestroyThatFailsThePendingWriteFailsEveryCallbackWithTheError() {
    LifecycleLog log = new LifecycleLog();
    Callback[] pending = new Callback[1];
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(stalled(log, pending, true));
      for (String x : List.of("a", "b", "c")) {
        w.write(x, log.cb("cb " + x));
      }
      w.destroy(new IllegalStateException("boom"));
      log.add("sync");
    });
    assertEquals(List.of("write:a", "doDestroy", "cb a:boom", "cb b:boom", "cb c:boom", "sync",
        "error:boom", "close"), log.events);
  }

  @Test
  void destroyWithoutErrorPassesThePendingWriteFailureToBufferedWritesButEmitsNoError() {
    LifecycleLog log = new LifecycleLog();
    Callback[] pending = new Callback[1];
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(stalled(log, pending, true));
      w.write("a", log.cb("cb a"));
      w.write("b", log.cb("cb b"));
      w.destroy();
      log.add("sync");
    });
    assertEquals(List.of("write:a", "doDestroy", "cb a:aborted", "cb b:aborted", "sync", "close"),
        log.events);
  }

  @Test
  void destroyWithoutErrorFailsBufferedWritesWithErrStreamDestroyed() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write:" + chunk);
          callback.done();
        }
      });
      w.cork();
      w.write("a", log.cb("cb a"));
      w.write("b", log.cb("cb b"));
      w.destroy();
      log.add("sync:" + w.writableLength());
    });
    assertEquals(List.of("sync:2", "cb a:ERR_STREAM_DESTROYED", "cb b:ERR_STREAM_DESTROYED",
        "close"), log.events);
  }

  @Test
  void destroyWithErrorFailsBufferedWritesWithThatError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write:" + chunk);
          callback.done();
        }
      });
      w.cork();
      w.write("a", log.cb("cb a"));
      w.destroy(new IllegalStateException("boom"));
      log.add("sync");
    });
    assertEquals(List.of("sync", "cb a:boom", "error:boom", "close"), log.events);
  }
}
