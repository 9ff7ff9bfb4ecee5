package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-writable-write-writev-finish.js}: a write
 * or writev error before FINISH means no PREFINISH and no FINISH, with or without cork, whether
 * the hook fails synchronously or not; a write from the PREFINISH listener is a write after end.
 * Expected orders recorded with Node 20.
 */
class WritableWriteWritevFinishTest {

  /** Completes {@code cb} with {@code error}, now or on the check phase. */
  private static void complete(Stream s, boolean async, Callback cb, Throwable error) {
    if (async) {
      s.loop().setImmediate(() -> cb.done(error));
    } else {
      cb.done(error);
    }
  }

  private static Writable<String> failing(LifecycleLog log, boolean async, boolean writev) {
    BiConsumer<Writable<String>, Callback> failWrite = (w, cb) ->
        complete(w, async, cb, new IllegalStateException("write test error"));
    return log.watch(writev
        ? new Writable<String>(StreamOptions.objects()) {
          @Override
          protected void doWrite(String chunk, Callback callback) {
            failWrite.accept(this, callback);
          }

          @Override
          protected void doWritev(List<String> chunks, Callback callback) {
            log.add("writev:" + chunks.size());
            complete(this, async, callback, new IllegalStateException("writev test error"));
          }
        }
        : new Writable<String>(StreamOptions.objects()) {
          @Override
          protected void doWrite(String chunk, Callback callback) {
            failWrite.accept(this, callback);
          }
        });
  }

  @Test
  void aFailedLastWriteMeansNeitherPrefinishNorFinish() {
    for (boolean async : List.of(false, true)) {
      LifecycleLog log = new LifecycleLog();
      EventLoop.run(loop -> failing(log, async, false).end("test", log.cb("end cb")));
      assertEquals(List.of("end cb:write test error", "error:write test error", "close"), log.events);
    }
  }

  @Test
  void aFailedCorkedWritevMeansNeitherPrefinishNorFinish() {
    for (boolean async : List.of(false, true)) {
      LifecycleLog log = new LifecycleLog();
      EventLoop.run(loop -> {
        Writable<String> w = failing(log, async, true);
        w.cork();
        w.write("test");
        loop.setImmediate(() -> w.end("test"));
      });
      assertEquals(List.of("writev:2", "error:writev test error", "close"), log.events);
    }
  }

  @Test
  void aWriteFromThePrefinishListenerIsAWriteAfterEnd() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          loop().nextTick(callback::done);
        }
      });
      w.on(Stream.PREFINISH, () -> w.write("x", log.cb("cb")));
      w.end();
    });
    assertEquals(List.of("prefinish", "cb:ERR_STREAM_WRITE_AFTER_END",
        "error:ERR_STREAM_WRITE_AFTER_END", "close"), log.events);
  }
}
