package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-readable-from.js} and {@code
 * test-stream-readable-from-*.js} for Java iterators: items in order then END and CLOSE; object
 * mode with a mark of 1 and nothing pulled before a consumer appears; a null item fails with
 * {@code ERR_STREAM_NULL_VALUES}; an iterator that throws destroys the stream with its error; an
 * {@link AutoCloseable} iterator is closed on destroy (JavaScript's {@code return()}).
 *
 * <p>Difference from Node: Node drives even a synchronous iterable through {@code await}, so its
 * {@code next()} calls run a promise job later and {@code read()} on a fresh stream returns
 * null; Java iterators are pulled synchronously inside {@code doRead}. The stream's events
 * (DATA, the iterator's close, ERROR, CLOSE) come in the order Node 20 shows for the same cases,
 * including a chunk already buffered being delivered after the failure or destroy.
 */
class ReadableFromTest {

  /** Yields 1..n, logging next()/close() calls; may yield null or throw at a given call. */
  private static final class Source implements Iterator<Integer>, AutoCloseable {
    final List<String> log;
    final int n;
    final int nullAt;
    final int throwAt;
    int i;

    Source(List<String> log, int n, int nullAt, int throwAt) {
      this.log = log;
      this.n = n;
      this.nullAt = nullAt;
      this.throwAt = throwAt;
    }

    @Override
    public boolean hasNext() {
      return i < n;
    }

    @Override
    public Integer next() {
      i++;
      if (i == throwAt) {
        throw new IllegalStateException("boom");
      }
      return i == nullAt ? null : i;
    }

    @Override
    public void close() {
      log.add("iterator closed");
    }
  }

  private static void record(Readable<Integer> r, List<String> ev) {
    r.onData(d -> ev.add("data " + d));
    r.on(Stream.END, () -> ev.add("end"));
    r.on(Stream.ERROR, e -> ev.add("error " + (e instanceof StreamException se ? se.codeName() : e.getMessage())));
    r.on(Stream.CLOSE, () -> ev.add("close"));
  }

  @Test
  void itemsArriveInOrderThenEndAndClose() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> record(Readable.from(List.of(1, 2, 3)), ev));
    assertEquals(List.of("data 1", "data 2", "data 3", "end", "close"), ev);
  }

  @Test
  void aFromStreamIsInObjectModeWithAMarkOfOneAndPullsNothingBeforeAConsumer() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Source src = new Source(ev, 5, 0, 0);
      Readable<Integer> r = Readable.from(src);
      ev.add("hwm " + r.readableHighWaterMark() + " objectMode " + r.readableObjectMode());
      r.on(Stream.CLOSE, () -> ev.add("close"));
      loop.setImmediate(() -> {
        ev.add("pulled " + src.i + " len " + r.readableLength());
        r.destroy();
      });
    });
    assertEquals(List.of("hwm 1 objectMode true", "pulled 0 len 0", "iterator closed", "close"), ev);
  }

  @Test
  void aPausedConsumerLetsOnlyOneItemBeBufferedAheadOfIt() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Source src = new Source(ev, 100, 0, 0);
      Readable<Integer> r = Readable.from(src);
      ev.add("read " + r.read());
      loop.setImmediate(() -> {
        ev.add("pulled " + src.i + " len " + r.readableLength());
        r.destroy();
      });
    });
    assertEquals(List.of("read 1", "pulled 2 len 1", "iterator closed"), ev);
  }

  @Test
  void aNullItemFailsWithNullValuesAfterTheBufferedItemAndClosesTheIterator() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> record(Readable.from(new Source(ev, 5, 2, 0)), ev));
    assertEquals(List.of("iterator closed", "data 1", "error ERR_STREAM_NULL_VALUES", "close"), ev);
  }

  @Test
  void anIteratorThatThrowsDestroysTheStreamWithItsError() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> record(Readable.from(new Source(ev, 5, 0, 3)), ev));
    assertEquals(List.of("data 1", "iterator closed", "data 2", "error boom", "close"), ev);
  }

  @Test
  void destroyingMidwayClosesTheIteratorAndOnlyTheAlreadyBufferedItemFollows() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> r = Readable.from(new Source(ev, 5, 0, 0));
      r.onData(d -> {
        ev.add("data " + d);
        if (d == 2) {
          r.destroy();
        }
      });
      r.on(Stream.END, () -> ev.add("end"));
      r.on(Stream.CLOSE, () -> ev.add("close"));
    });
    assertEquals(List.of("data 1", "data 2", "iterator closed", "data 3", "close"), ev);
  }

  @Test
  void explicitOptionsOverrideTheDefaults() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> r = Readable.from(List.of(1, 2, 3).iterator(), StreamOptions.objects().highWaterMark(8));
      ev.add("hwm " + r.readableHighWaterMark());
      List<Integer> got = new ArrayList<>();
      r.onData(got::add);
      r.on(Stream.END, () -> ev.add("got " + got));
    });
    assertEquals(List.of("hwm 8", "got [1, 2, 3]"), ev);
  }
}
