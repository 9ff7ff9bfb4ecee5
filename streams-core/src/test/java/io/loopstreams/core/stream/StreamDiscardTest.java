package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The release hook for pooled chunks: a destroyed stream hands every chunk it drops (unread, or
 * written but never passed to doWrite) to {@code doDiscard}, once, after doDestroy called back.
 */
class StreamDiscardTest {

  @Test
  void unreadChunksOfADestroyedReadableAreDiscardedAfterDoDestroy() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<String> r = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }

        @Override
        protected void doDestroy(Throwable error, Callback callback) {
          log.add("doDestroy");
          callback.done(error);
        }

        @Override
        protected void doDiscard(Object chunk) {
          log.add("discard " + chunk);
        }
      };
      r.push("a");
      r.push("b");
      r.push("c");
      log.add("read " + r.read());
      r.destroy();
      log.add("length " + r.readableLength());
    });
    assertEquals(List.of("read a", "doDestroy", "discard b", "discard c", "length 0"), log);
  }

  @Test
  void bufferedWritesOfADestroyedWritableAreDiscardedButNotTheOneInFlight() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<String> w = new Writable<>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write " + chunk); // never calls back: stays in flight
        }

        @Override
        protected void doDiscard(Object chunk) {
          log.add("discard " + chunk);
        }
      };
      w.write("a");
      w.write("b");
      w.write("c");
      w.destroy();
    });
    assertEquals(List.of("write a", "discard b", "discard c"), log);
  }

  @Test
  void aStreamWithoutTheHookKeepsItsBufferAsNodeDoes() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<String> r = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.push("a");
      r.push("b");
      r.destroy();
      log.add("length " + r.readableLength());
    });
    assertEquals(List.of("length 2"), log);
  }
}
