package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.StreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Re-expresses Node's {@code test/parallel/test-stream-map.js}. */
class ReadableMapTest {

  @Test
  void syncMapAppliesFnToEachItemInOrder() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(
        Readable.from(List.of(1, 2, 3, 4, 5)).map(x -> x * 2).toList(), out));
    assertEquals(List.of("ok:[2, 4, 6, 8, 10]"), out);
  }

  @Test
  void asyncMapWithConcurrencyFourRunsExactlyFourAtATimeAndKeepsOrder() {
    List<Integer> started = new ArrayList<>();
    List<String> out = new ArrayList<>();
    int[] inFlight = {0};
    int[] maxInFlight = {0};
    EventLoop.run(loop -> {
      Readable<Integer> src = Readable.from(IntStream.rangeClosed(1, 20).boxed().toList());
      Readable<Integer> mapped = src.map(x -> {
        started.add(x);
        inFlight[0]++;
        maxInFlight[0] = Math.max(maxInFlight[0], inFlight[0]);
        // Later items finish first: order must come from the operator, not from the timers.
        return OperatorSources.later(loop, 2L * (21 - x), x * 10).map(v -> {
          inFlight[0]--;
          return v;
        });
      }, 4);
      OperatorSources.settle(mapped.toList(), out);
    });
    assertEquals(4, maxInFlight[0]);
    assertEquals(0, inFlight[0]);
    assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), started);
    assertEquals(List.of("ok:" + IntStream.rangeClosed(1, 20).mapToObj(x -> x * 10).toList()), out);
  }

  @Test
  void asyncMapWithConcurrencyOneRunsOneAtATime() {
    List<String> trace = new ArrayList<>();
    EventLoop.run(loop -> Readable.from(List.of(1, 2, 3))
        .map(x -> {
          trace.add("start " + x);
          return OperatorSources.later(loop, 1, x).map(v -> {
            trace.add("end " + v);
            return v;
          });
        }, 1)
        .forEach(x -> trace.add("got " + x)));
    // Never two calls in flight; the next call starts as soon as the previous one settled, before
    // the consumer (a tick later) has taken its result.
    assertEquals(List.of("start 1", "end 1", "start 2", "got 1", "end 2", "start 3", "got 2", "end 3",
        "got 3"), trace);
  }

  @Test
  void rejectionDestroysTheMapAndTheSourceAfterTheEarlierItems() {
    List<String> out = new ArrayList<>();
    List<Integer> got = new ArrayList<>();
    Readable<?>[] streams = new Readable<?>[2];
    EventLoop.run(loop -> {
      Readable<Integer> src = Readable.from(IntStream.rangeClosed(1, 100).boxed().toList());
      Readable<Integer> mapped = src.map(x -> x == 3
          ? Promise.<Integer>rejected(loop, new IllegalStateException("kaboom"))
          : Promise.resolved(loop, x), 2);
      streams[0] = src;
      streams[1] = mapped;
      mapped.on(Stream.ERROR, e -> out.add("error:" + e.getMessage()));
      mapped.on(Stream.CLOSE, () -> out.add("close"));
      mapped.onData(got::add);
    });
    assertEquals(List.of(1, 2), got);
    assertEquals(List.of("error:kaboom", "close"), out);
    assertTrue(streams[0].destroyed(), "source destroyed");
    assertTrue(streams[1].destroyed(), "map destroyed");
  }

  @Test
  void syncThrowDeliversEarlierItemsThenRejects() {
    List<String> out = new ArrayList<>();
    Readable<?>[] src = new Readable<?>[1];
    EventLoop.run(loop -> {
      src[0] = Readable.from(List.of(1, 2, 3, 4));
      Readable<Integer> mapped = ((Readable<Integer>) src[0]).map(x -> {
        if (x == 3) {
          throw new IllegalArgumentException("boom");
        }
        return x;
      });
      mapped.onData(x -> out.add("data:" + x));
      mapped.on(Stream.ERROR, e -> out.add("error:" + e.getMessage()));
    });
    assertEquals(List.of("data:1", "data:2", "error:boom"), out);
    assertTrue(src[0].destroyed());
  }

  @Test
  void sourceErrorDestroysTheMapWithThatError() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      OperatorSources.Counting src = new OperatorSources.Counting(1);
      Readable<Integer> mapped = src.map(x -> x + 1);
      mapped.on(Stream.ERROR, e -> out.add("error:" + e.getMessage()));
      mapped.on(Stream.CLOSE, () -> out.add("close"));
      mapped.onData(x -> {
        if (x == 3) {
          src.destroy(new IllegalStateException("source failed"));
        }
      });
    });
    assertEquals(List.of("error:source failed", "close"), out);
  }

  @Test
  void destroyingTheMapDestroysTheSource() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      OperatorSources.Counting src = new OperatorSources.Counting(2);
      src.on(Stream.CLOSE, () -> out.add("source close"));
      src.on(Stream.ERROR, e -> out.add("source error"));
      Readable<Integer> mapped = src.map(x -> Promise.resolved(loop, x), 3);
      mapped.on(Stream.CLOSE, () -> out.add("map close"));
      mapped.onData(x -> {
        if (x == 5) {
          mapped.destroy();
        }
      });
    });
    assertEquals(List.of("source close", "map close"), out);
  }

  @Test
  void heldItemsStayWithinConcurrencyPlusHighWaterMark() {
    int[] pulled = {0};
    long[] mappedLength = {0};
    EventLoop.run(loop -> {
      OperatorSources.Counting src = new OperatorSources.Counting(1);
      Readable<Integer> mapped = src.map(x -> Promise.resolved(loop, x), 3);
      mapped.read(0); // start it, then never read: the queue fills and pulling stops
      loop.setTimeout(() -> {
        pulled[0] = src.pulled;
        mappedLength[0] = mapped.readableLength();
        mapped.destroy();
      }, 5);
    });
    // 1 pushed into the map's own buffer (mark 1) + 5 queued (3 + 2) + the source's mark of 1.
    assertEquals(1, mappedLength[0]);
    assertEquals(7, pulled[0]);
  }

  @Test
  void nullResultFailsWithNullValues() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(
        Readable.from(List.of(1, 2)).map(x -> (Integer) null).toList(), out));
    assertEquals(List.of("err:ERR_STREAM_NULL_VALUES"), out);
  }

  @Test
  void concurrencyBelowOneIsOutOfRange() {
    EventLoop.run(loop -> {
      StreamException e = assertThrows(StreamException.class,
          () -> Readable.from(List.of(1)).map(x -> Promise.resolved(loop, x), 0));
      assertEquals(ErrorCode.ERR_OUT_OF_RANGE, e.code());
      assertEquals("The value of \"options.concurrency\" is out of range. It must be >= 1 && <= "
          + "9007199254740991. Received 0", e.getMessage());
    });
  }

  @Test
  void nothingIsPulledBeforeTheResultIsRead() {
    int[] pulled = {-1};
    EventLoop.run(loop -> {
      OperatorSources.Counting src = new OperatorSources.Counting(4);
      Readable<Integer> mapped = src.map(x -> x);
      loop.setImmediate(() -> {
        pulled[0] = src.pulled;
        mapped.destroy();
      });
    });
    assertEquals(0, pulled[0]);
  }
}
