package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-readable-async-iterators.js} (Node 20
 * outputs quoted per test): chunks in order then done, concurrent {@code next()} calls answered
 * in order, errors rejecting the pending call, and breaking out early destroying the stream.
 */
@org.junit.jupiter.api.Timeout(20)
class ReadableAsyncIteratorTest {

  /** An object stream whose chunks the test pushes by hand. */
  private static Readable<String> manual(boolean autoDestroy) {
    return new Readable<>(StreamOptions.objects().autoDestroy(autoDestroy)) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  private static <T> void record(Promise<Optional<T>> p, List<String> out) {
    p.onSettled((BiConsumer<Optional<T>, Throwable>) (v, e) -> out.add(
        e != null ? "rejected " + LifecycleLog.code(e) : v.map(x -> "value " + x).orElse("done")));
  }

  /** Drains {@code it} into {@code out} like a {@code for await} loop, then adds "end". */
  private static <T> void forAwait(AsyncIterator<T> it, List<String> out) {
    it.next().onSettled((BiConsumer<Optional<T>, Throwable>) (v, e) -> {
      if (e != null) {
        out.add("rejected " + LifecycleLog.code(e));
      } else if (v.isEmpty()) {
        out.add("end");
      } else {
        out.add("value " + v.get());
        forAwait(it, out);
      }
    });
  }

  @Test
  void nextCallsMadeBeforeTheDataAreAnsweredInCallOrder() {
    // Node: [{"value":"a","done":false},{"value":"b","done":false},{"done":true}] {"done":true}
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<String> r = manual(true);
      AsyncIterator<String> it = r.iterator();
      record(it.next(), out);
      record(it.next(), out);
      record(it.next(), out);
      r.push("a");
      r.push("b");
      r.push(null);
      loop.setTimeout(() -> record(it.next(), out), 1);
    });
    assertEquals(List.of("value a", "value b", "done", "done"), out);
  }

  @Test
  void iteratesEveryChunkOfAFromStreamThenEnds() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> forAwait(Readable.from(List.of(1, 2, 3)).iterator(), out));
    assertEquals(List.of("value 1", "value 2", "value 3", "end"), out);
  }

  @Test
  void anErrorRejectsThePendingNextAndLaterCallsAreDone() {
    // Node: rejected kaboom / {"done":true}
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<String> r = manual(true);
      AsyncIterator<String> it = r.iterator();
      it.next().onSettled((v, e) -> {
        out.add("rejected " + e.getMessage());
        record(it.next(), out);
      });
      r.destroy(new IllegalStateException("kaboom"));
    });
    assertEquals(List.of("rejected kaboom", "done"), out);
  }

  @Test
  void destroyWithoutAnErrorRejectsWithPrematureClose() {
    // Node: rejected ERR_STREAM_PREMATURE_CLOSE
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<String> r = manual(true);
      AsyncIterator<String> it = r.iterator();
      record(it.next(), out);
      r.destroy();
    });
    assertEquals(List.of("rejected ERR_STREAM_PREMATURE_CLOSE"), out);
  }

  @Test
  void breakingOutDestroysTheStreamEvenWithoutAutoDestroy() {
    // Node: [ 'x1', 'close' ] true
    List<String> out = new ArrayList<>();
    Readable<?>[] src = new Readable<?>[1];
    EventLoop.run(loop -> {
      Readable<String> r = manual(false);
      src[0] = r;
      r.on(Stream.CLOSE, () -> out.add("close"));
      r.push("1");
      r.push("2");
      AsyncIterator<String> it = r.iterator();
      it.next().thenAccept(v -> {
        out.add("x" + v.get());
        it.close(); // break
        record(it.next(), out);
      });
    });
    assertEquals(List.of("x1", "done", "close"), out);
    assertTrue(src[0].destroyed());
  }

  @Test
  void destroyOnReturnFalseLeavesTheStreamReadable() {
    // Node: got 1 / kept false 2
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<String> r = manual(true);
      r.push("1");
      r.push("2");
      r.push("3");
      AsyncIterator<String> it = r.iterator(false);
      it.next().thenAccept(v -> {
        out.add("got " + v.get());
        it.close();
        out.add("kept " + r.destroyed() + " " + r.read());
        r.destroy();
      });
    });
    assertEquals(List.of("got 1", "kept false 2"), out);
  }

  @Test
  void aNormalEndWithoutAutoDestroyLeavesTheStreamAlive() {
    // Node: autoDestroy false end destroyed false
    List<String> out = new ArrayList<>();
    Readable<?>[] src = new Readable<?>[1];
    EventLoop.run(loop -> {
      Readable<String> r = manual(false);
      src[0] = r;
      r.push("1");
      r.push(null);
      forAwait(r.iterator(), out);
    });
    assertEquals(List.of("value 1", "end"), out);
    assertFalse(src[0].destroyed());
  }

  @Test
  void aThrowInTheLoopBodyThatClosesTheIteratorDestroysTheSource() {
    // Node: [ 'caught body', 'close' ] true
    List<String> out = new ArrayList<>();
    Readable<?>[] src = new Readable<?>[1];
    EventLoop.run(loop -> {
      Readable<Integer> r = Readable.from(List.of(1, 2, 3));
      src[0] = r;
      r.on(Stream.CLOSE, () -> out.add("close"));
      AsyncIterator<Integer> it = r.iterator();
      it.next().thenAccept(v -> {
        try (it) {
          throw new IllegalStateException("body");
        } catch (IllegalStateException e) {
          out.add("caught " + e.getMessage());
        }
      });
    });
    assertEquals(List.of("caught body", "close"), out);
    assertTrue(src[0].destroyed());
  }
}
