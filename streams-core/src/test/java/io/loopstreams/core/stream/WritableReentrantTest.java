package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-entrant calls from listeners and hooks (STYLE example 12), re-expressing cases of Node's
 * {@code test/parallel/test-stream-writable-destroy.js} (destroy inside {@code _write}), {@code
 * test-stream-writable-write-error.js} and the drain loop of {@code test-stream-big-packet.js}:
 * writing from DRAIN, writing from a write callback, destroying from inside {@code doWrite},
 * writing from FINISH. Expected orders were recorded with Node 20.
 */
class WritableReentrantTest {

  @Test
  void writingFromTheDrainListenerRefillsToTheMarkAndDrainFiresOncePerRefill() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<Integer> w = log.watch(new Writable<Integer>(StreamOptions.objects().highWaterMark(2)) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          log.add("write:" + chunk);
          loop().setImmediate(callback::done);
        }
      });
      int[] n = {0};
      Runnable more = () -> {
        while (n[0] < 6) {
          boolean ok = w.write(n[0]++, e -> log.add("cb"));
          log.add("ret:" + ok);
          if (!ok) {
            return;
          }
        }
        w.end();
      };
      w.on(Stream.DRAIN, more);
      more.run();
    });
    assertEquals(List.of("write:0", "ret:true", "ret:false", "write:1", "cb", "drain", "write:2",
        "ret:true", "ret:false", "cb", "write:3", "cb", "drain", "write:4", "ret:true", "ret:false",
        "cb", "write:5", "cb", "drain", "prefinish", "cb", "finish", "close"), log.events);
  }

  @Test
  void aWriteFromAWriteCallbackRunsAfterTheWritesAlreadyQueued() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = new Writable<>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write:" + chunk);
          callback.done();
        }
      };
      w.write("a", e -> {
        log.add("cb a");
        w.write("c", e2 -> log.add("cb c"));
      });
      w.write("b", e -> log.add("cb b"));
      log.add("sync");
    });
    assertEquals(List.of("write:a", "write:b", "sync", "cb a", "write:c", "cb b", "cb c"), log.events);
  }

  @Test
  void destroyInsideDoWriteLetsThatWriteSucceedAndFailsLaterWrites() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String>[] self = new Writable[1];
      self[0] = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write:" + chunk);
          self[0].destroy();
          callback.done();
        }
      });
      self[0].write("a", log.cb("cb a"));
      self[0].write("b", log.cb("cb b"));
      log.add("sync");
    });
    assertEquals(List.of("write:a", "sync", "close", "cb a:null", "cb b:ERR_STREAM_DESTROYED"),
        log.events);
  }

  @Test
  void destroyWithAnErrorInsideDoWriteFailsLaterWritesAndEndAsDestroyed() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String>[] self = new Writable[1];
      self[0] = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write:" + chunk);
          self[0].destroy(new IllegalStateException("boom"));
          callback.done();
        }
      });
      self[0].write("a", log.cb("cb a"));
      self[0].write("b", log.cb("cb b"));
      self[0].end(log.cb("end cb"));
      log.add("sync");
    });
    assertEquals(List.of("write:a", "sync", "error:boom", "close", "cb a:null",
        "cb b:ERR_STREAM_DESTROYED", "end cb:ERR_STREAM_DESTROYED"), log.events);
  }

  @Test
  void writingFromTheFinishListenerIsAWriteAfterEnd() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done();
        }
      });
      w.on(Stream.FINISH, () -> w.write("late", log.cb("late cb")));
      w.end();
    });
    assertEquals(List.of("prefinish", "finish", "late cb:ERR_STREAM_WRITE_AFTER_END",
        "error:ERR_STREAM_WRITE_AFTER_END", "close"), log.events);
  }

  @Test
  void aWriteThatFailsAfterDestroyReportsItsOwnErrorButEmitsNothing() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write:" + chunk);
          loop().setImmediate(() -> callback.done(new IllegalStateException("late-fail")));
        }
      });
      w.write("a", log.cb("cb a"));
      w.destroy();
    });
    assertEquals(List.of("write:a", "close", "cb a:late-fail"), log.events);
  }
}
