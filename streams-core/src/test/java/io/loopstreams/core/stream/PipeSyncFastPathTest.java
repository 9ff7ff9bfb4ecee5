package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The per-chunk fast paths of a synchronous object pipeline (an idle writable side handing a chunk
 * straight to its hook, a synchronous completion settling at once, a flowing source reading one
 * chunk ahead) against the general path they leave the moment a hook calls back late, a side is
 * corked or ended, or a callback comes twice. Every expected order was printed by Node 20 for the
 * same streams.
 */
class PipeSyncFastPathTest {

  private static List<Integer> upTo(int n) {
    return IntStream.rangeClosed(1, n).boxed().collect(Collectors.toList());
  }

  /** An iterator over 1..n that records each {@code next} and the end. */
  private static Iterator<Integer> logged(int n, List<String> log) {
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        if (i == n) {
          log.add("done");
        }
        return i < n;
      }

      @Override
      public Integer next() {
        log.add("next " + ++i);
        return i;
      }
    };
  }

  /** What a test writable does after logging {@code write <chunk>}. */
  private interface Hook {
    void run(Writable<Integer> self, Integer chunk, Callback callback);
  }

  private static Writable<Integer> loggedWritable(LifecycleLog log, Hook hook) {
    return log.watch(new Writable<>(StreamOptions.objects()) {
      @Override
      protected void doWrite(Integer chunk, Callback callback) {
        log.add("write " + chunk);
        hook.run(this, chunk, callback);
      }
    });
  }

  @Test
  void fromAsksForTheNextItemBeforeItsConsumerGetsTheCurrentOne() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<Integer, Integer> t = Transform.map(StreamOptions.objects(), x -> {
        log.add("transform " + x);
        return x;
      });
      Writable<Integer> w = new Writable<>(StreamOptions.objects()) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          log.add("write " + chunk + " len=" + writableLength());
          callback.done(null);
        }
      };
      w.on(Stream.FINISH, () -> log.add("finish"));
      Pipeline.run(List.of(Readable.from(logged(4, log)), t, w), e -> log.add("settled " + e));
    });
    assertEquals(List.of("next 1", "next 2", "transform 1", "write 1 len=1", "next 3", "transform 2",
        "write 2 len=1", "next 4", "transform 3", "write 3 len=1", "done", "transform 4",
        "write 4 len=1", "finish", "settled null"), log);
  }

  @Test
  void anIteratorThatThrowsStillDeliversTheItemItHadReadAhead() {
    List<Integer> got = new ArrayList<>();
    Throwable[] result = {null};
    EventLoop.run(loop -> {
      Iterator<Integer> items = new Iterator<>() {
        int i;

        @Override
        public boolean hasNext() {
          return i < 10;
        }

        @Override
        public Integer next() {
          if (++i == 6) {
            throw new IllegalStateException("boom at 6");
          }
          return i;
        }
      };
      Writable<Integer> w = Writable.create(StreamOptions.objects(), (x, cb) -> {
        got.add(x);
        cb.done(null);
      });
      Pipeline.run(List.of(Readable.from(items), w), e -> result[0] = e);
    });
    assertEquals(List.of(1, 2, 3, 4, 5), got);
    assertEquals("boom at 6", result[0].getMessage());
  }

  @Test
  void aHookThatCallsBackLateBuffersTheNextWritesAndKeepsCallbackOrder() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<Integer> w = log.watch(new Writable<>(StreamOptions.objects().highWaterMark(2)) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          log.add("write " + chunk + " len=" + writableLength());
          if (chunk == 2) {
            loop.setImmediate(() -> callback.done(null));
          } else {
            callback.done(null);
          }
        }
      });
      for (int i = 1; i <= 4; i++) {
        log.add("ret " + i + " " + w.write(i, log.cb("cb " + i)));
      }
      w.end(log.cb("end cb"));
    });
    assertEquals(List.of("write 1 len=1", "ret 1 true", "write 2 len=1", "ret 2 true", "ret 3 false",
        "ret 4 false", "cb 1:null", "write 3 len=2", "write 4 len=1", "cb 2:null", "prefinish",
        "cb 3:null", "cb 4:null", "end cb:null", "finish", "close"), log.events);
  }

  @Test
  void aSinkCorkedInsideItsHookGetsTheHeldChunksAsOneWritevThenSingleWritesAgain() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<Integer> w = new Writable<>(StreamOptions.objects().highWaterMark(4)) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          log.add("w" + chunk);
          if (chunk == 5) {
            cork();
            loop.setImmediate(() -> {
              log.add("uncork");
              uncork();
            });
          }
          callback.done(null);
        }

        @Override
        protected void doWritev(List<Integer> chunks, Callback callback) {
          log.add("v" + chunks);
          callback.done(null);
        }
      };
      Pipeline.run(List.of(Readable.from(upTo(14)), w), e -> log.add("settled " + e));
    });
    assertEquals(List.of("w1", "w2", "w3", "w4", "w5", "uncork", "v[6, 7, 8, 9]", "w10", "w11",
        "w12", "w13", "w14", "settled null"), log);
  }

  @Test
  void endCalledInsideTheHookOfAnIdleWriteFailsTheNextWriteAfterEnd() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<Integer> w = loggedWritable(log, (self, chunk, callback) -> {
        if (chunk == 2) {
          self.end();
          log.add("ended inside");
        }
        callback.done(null);
      });
      log.add("ret1 " + w.write(1));
      log.add("ret2 " + w.write(2));
      log.add("ret3 " + w.write(3, log.cb("cb3")));
    });
    assertEquals(List.of("write 1", "ret1 true", "write 2", "ended inside", "prefinish", "ret2 true",
        "ret3 false", "cb3:ERR_STREAM_WRITE_AFTER_END", "error:ERR_STREAM_WRITE_AFTER_END", "close"),
        log.events);
  }

  @Test
  void aCallbacklessWriteCalledBackTwiceErrorsWithErrMultipleCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<Integer> w = loggedWritable(log, (self, chunk, callback) -> {
        callback.done(null);
        if (chunk == 2) {
          callback.done(null);
        }
      });
      for (int i = 1; i <= 3; i++) {
        log.add("ret " + w.write(i));
      }
      log.add("sync");
    });
    assertEquals(List.of("write 1", "ret true", "write 2", "ret false", "ret false", "sync",
        "error:ERR_MULTIPLE_CALLBACK", "close"), log.events);
  }

  @Test
  void aTransformCallingBackTwiceMidPipelineFailsItAfterBothOutputsWentOn() {
    List<String> log = new ArrayList<>();
    List<Integer> got = new ArrayList<>();
    Throwable[] result = {null};
    EventLoop.run(loop -> {
      Transform<Integer, Integer> t = new Transform<>(StreamOptions.objects()) {
        @Override
        protected void doTransform(Integer chunk, Callback callback) {
          log.add("t" + chunk);
          push(chunk);
          callback.done(null);
          if (chunk == 3) {
            push(99);
            callback.done(null);
          }
        }
      };
      Writable<Integer> w = Writable.create(StreamOptions.objects(), (x, cb) -> {
        got.add(x);
        cb.done(null);
      });
      Pipeline.run(List.of(Readable.from(upTo(6)), t, w), e -> result[0] = e);
    });
    assertEquals(List.of("t1", "t2", "t3"), log);
    assertEquals(List.of(1, 2, 3, 99), got);
    assertEquals("ERR_MULTIPLE_CALLBACK", LifecycleLog.code(result[0]));
  }

  @Test
  void theHookTimeOfTheFirstWriteIsMeasuredAndScaledByTheUntimedOnes() {
    long[] millis = new long[2];
    EventLoop.run(loop -> {
      int[] calls = {0};
      Writable<Integer> w = Writable.create(StreamOptions.objects(), (x, cb) -> {
        if (calls[0]++ == 0) {
          // The first call is the timed one (then one in 1024): hold the loop for 20 ms.
          long until = System.nanoTime() + 20_000_000L;
          while (System.nanoTime() < until) {
            Thread.onSpinWait();
          }
        }
        cb.done(null);
      });
      w.write(1);
      millis[0] = w.snapshot().hookMillis();
      for (int i = 2; i <= 5; i++) {
        w.write(i);
      }
      millis[1] = w.snapshot().hookMillis();
    });
    assertEquals(true, millis[0] >= 20, "after one write: " + millis[0] + " ms");
    // Five calls, one timed at 20 ms or more: the estimate is that time five times over.
    assertEquals(true, millis[1] >= 100 && millis[1] >= 5 * millis[0] - 5,
        "after five: " + millis[1] + " ms");
  }

  @Test
  void stagesSwitchingBetweenSynchronousAsynchronousAndCorkedLoseDuplicateAndReorderNothing() {
    int n = 5000;
    Random random = new Random(17);
    boolean[] lateAt = new boolean[n + 1];
    boolean[] corkAt = new boolean[n + 1];
    for (int i = 1; i <= n; i++) {
      lateAt[i] = random.nextInt(10) == 0;
      corkAt[i] = random.nextInt(50) == 0;
    }
    List<Integer> got = new ArrayList<>();
    int[] batches = {0, 0};
    Throwable[] result = {new AssertionError("not settled")};
    EventLoop.run(loop -> {
      Transform<Integer, Integer> middle = PipeDirectPathSwitchTest.passThrough(loop, x -> lateAt[x]);
      Writable<Integer> sink = new Writable<>(StreamOptions.objects()) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          got.add(chunk);
          if (corkAt[chunk]) {
            cork();
            loop.setImmediate(this::uncork);
          }
          if (lateAt[n + 1 - chunk]) {
            loop.nextTick(() -> callback.done(null));
          } else {
            callback.done(null);
          }
        }

        @Override
        protected void doWritev(List<Integer> chunks, Callback callback) {
          batches[0]++;
          batches[1] += chunks.size();
          got.addAll(chunks);
          callback.done(null);
        }
      };
      Transform<Integer, Integer> plusZero = Transform.map(StreamOptions.objects(), x -> x);
      Pipeline.run(List.of(Readable.from(upTo(n)), middle, plusZero, sink), e -> result[0] = e);
    });
    assertEquals(null, result[0]);
    assertEquals(upTo(n), got);
    // The corks really took the batched path for some chunks, and the rest went one by one.
    assertEquals(true, batches[0] > 0 && batches[1] > batches[0], "batches " + batches[0] + "/" + batches[1]);
  }
}
