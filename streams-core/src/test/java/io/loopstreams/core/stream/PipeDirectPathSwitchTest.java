package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Listener;
import io.loopstreams.core.StreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A pipe that is its source's only DATA listener takes each chunk by a direct call; anything else
 * (a second listener, a second destination, a paused or asynchronous stage, an error) goes through
 * the emitter and the buffers. These tests switch between the two mid-stream and check that every
 * chunk arrives once, in order, and that listeners see exactly the chunks emitted while they were
 * attached.
 */
class PipeDirectPathSwitchTest {

  private static final int N = 1000;

  private static List<Integer> upTo(int n) {
    return IntStream.rangeClosed(1, n).boxed().collect(Collectors.toList());
  }

  private static List<Integer> range(int from, int toExclusive) {
    return IntStream.range(from, toExclusive).boxed().collect(Collectors.toList());
  }

  /** A pass-through whose callback comes on a later immediate for the chunks {@code async} picks. */
  static Transform<Integer, Integer> passThrough(EventLoop loop, IntPredicate async) {
    return new Transform<>(StreamOptions.objects()) {
      @Override
      protected void doTransform(Integer chunk, Callback callback) {
        if (async.test(chunk)) {
          loop.setImmediate(() -> {
            push(chunk);
            callback.done(null);
          });
        } else {
          push(chunk);
          callback.done(null);
        }
      }
    };
  }

  /** A synchronous pass-through that calls {@code beforePush} with itself and each chunk first. */
  private static Transform<Integer, Integer> tap(BiConsumer<Transform<Integer, Integer>, Integer> beforePush) {
    return new Transform<>(StreamOptions.objects()) {
      @Override
      protected void doTransform(Integer chunk, Callback callback) {
        beforePush.accept(this, chunk);
        push(chunk);
        callback.done(null);
      }
    };
  }

  private static Writable<Integer> collect(List<Integer> into) {
    return Writable.create(StreamOptions.objects(), (x, cb) -> {
      into.add(x);
      cb.done(null);
    });
  }

  @Test
  void aStageThatGoesAsynchronousForAWhileLosesAndReordersNothing() {
    List<Integer> got = new ArrayList<>();
    Throwable[] result = {new AssertionError("not settled")};
    EventLoop.run(loop -> {
      Transform<Integer, Integer> middle = passThrough(loop, x -> x >= 100 && x < 300 || x % 97 == 0);
      Pipeline.run(List.of(Readable.from(upTo(N)), middle, passThrough(loop, x -> false), collect(got)),
          e -> result[0] = e);
    });
    assertNull(result[0]);
    assertEquals(upTo(N), got);
  }

  @Test
  void aDataListenerAddedAndRemovedMidStreamSeesExactlyTheChunksInBetween() {
    List<Integer> got = new ArrayList<>();
    List<Integer> seen = new ArrayList<>();
    Throwable[] result = {new AssertionError("not settled")};
    EventLoop.run(loop -> {
      Listener<Object> spy = x -> seen.add((Integer) x);
      Transform<Integer, Integer> middle = tap((self, chunk) -> {
        if (chunk == 200) {
          self.on(Stream.DATA, spy);
        } else if (chunk == 400) {
          self.off(Stream.DATA, spy);
        }
      });
      Pipeline.run(List.of(Readable.from(upTo(N)), middle, collect(got)), e -> result[0] = e);
    });
    assertNull(result[0]);
    assertEquals(upTo(N), got);
    assertEquals(range(200, 400), seen);
  }

  @Test
  void aSecondDestinationPipedMidStreamGetsEveryLaterChunkOnceAndTheFirstKeepsAll() {
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<Integer, Integer> middle = tap((self, chunk) -> {
        if (chunk == 300) {
          self.pipe(collect(second));
        }
      });
      Readable.from(upTo(N)).pipe(middle).pipe(collect(first));
    });
    assertEquals(upTo(N), first);
    assertEquals(range(300, N + 1), second);
  }

  @Test
  void aStagePausedByItsConsumerAndResumedLaterLosesNothing() {
    List<Integer> got = new ArrayList<>();
    List<String> events = new ArrayList<>();
    Throwable[] result = {new AssertionError("not settled")};
    EventLoop.run(loop -> {
      Transform<Integer, Integer> middle = passThrough(loop, x -> false);
      middle.on(Stream.PAUSE, () -> events.add("pause at " + got.size()));
      middle.on(Stream.RESUME, () -> events.add("resume at " + got.size()));
      Writable<Integer> sink = Writable.create(StreamOptions.objects(), (x, cb) -> {
        got.add(x);
        if (x == 500) {
          middle.pause();
          loop.setImmediate(middle::resume);
        }
        cb.done(null);
      });
      Pipeline.run(List.of(Readable.from(upTo(N)), middle, sink), e -> result[0] = e);
    });
    assertNull(result[0]);
    assertEquals(upTo(N), got);
    // As Node 20 (checked with the same pipeline in node): the pipe's initial resume tick runs
    // only after the first 500 chunks flowed synchronously, so two RESUMEs follow the PAUSE; the
    // last unpipe pauses the stage at the end.
    assertEquals(List.of("pause at 500", "resume at 500", "resume at 500", "pause at 1000"), events);
  }

  @Test
  void aPushWhileResumedChunksStillWaitForTheResumeTickQueuesBehindThem() {
    // resume() makes the stage flowing at once but flows its buffer a tick later: a chunk pushed
    // in between has chunks ahead of it, so it must not take the push-straight-to-the-pipe path.
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<Integer, Integer> t = Transform.map(StreamOptions.objects(), x -> x);
      Writable<Integer> sink = new Writable<>(StreamOptions.objects().highWaterMark(1)) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          log.add("write " + chunk);
          loop.setImmediate(() -> callback.done(null));
        }
      };
      t.pipe(sink);
      t.write(1);
      t.write(2);
      log.add("flowing " + t.readableFlowing() + " length " + t.readableLength());
      t.resume();
      t.write(3);
      log.add("after write 3: length " + t.readableLength());
      t.end();
      sink.on(Stream.FINISH, () -> log.add("finish"));
    });
    // Node 20, the same streams: 2 and 3 wait in the buffer and go out in order.
    assertEquals(List.of("write 1", "flowing false length 1", "after write 3: length 2",
        "write 2", "write 3", "finish"), log);
  }

  @Test
  void aPushFromAStageThatJustDestroyedItselfIsDroppedAndReturnsFalse() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<Integer, Integer> t = new Transform<>(StreamOptions.objects()) {
        @Override
        protected void doTransform(Integer chunk, Callback callback) {
          if (chunk == 2) {
            destroy();
          }
          log.add("push " + chunk + " -> " + push(chunk * 10));
          callback.done(null);
        }
      };
      Writable<Integer> sink = Writable.create(StreamOptions.objects(), (x, cb) -> {
        log.add("write " + x);
        cb.done(null);
      });
      Pipeline.run(List.of(Readable.from(List.of(1, 2, 3)), t, sink),
          e -> log.add("done " + (e instanceof StreamException se ? se.code() : e)));
    });
    // Node 20, the same pipeline.
    assertEquals(List.of("write 10", "push 1 -> true", "push 2 -> false",
        "done ERR_STREAM_PREMATURE_CLOSE"), log);
  }

  @Test
  void aStageErroringMidStreamStopsTheFlowAfterExactlyTheEarlierChunks() {
    List<Integer> got = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom at 700");
    Throwable[] result = {null};
    EventLoop.run(loop -> {
      Transform<Integer, Integer> failing = Transform.map(StreamOptions.objects(), x -> {
        if (x == 700) {
          throw boom;
        }
        return x;
      });
      Pipeline.run(List.of(Readable.from(upTo(N)), failing, collect(got)), e -> result[0] = e);
    });
    assertSame(boom, result[0]);
    assertEquals(range(1, 700), got);
  }

  @Test
  void aListenerThatPausesTheSourceInsideDataStopsTheDirectFlowAtOnce() {
    List<Integer> got = new ArrayList<>();
    List<Integer> seen = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> source = Readable.from(upTo(N));
      Transform<Integer, Integer> middle = passThrough(loop, x -> false);
      source.onData(x -> {
        seen.add(x);
        if (x % 250 == 0) {
          source.pause();
          loop.setImmediate(source::resume);
        }
      });
      source.pipe(middle).pipe(collect(got));
    });
    assertEquals(upTo(N), seen);
    assertEquals(upTo(N), got);
  }
}
