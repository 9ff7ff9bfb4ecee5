package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-some-find-every.mjs}: the answers on sync
 * and async streams and predicates, the short circuit (predicate call counts, the source
 * destroyed), errors propagated, and concurrency not changing which item is found.
 */
@org.junit.jupiter.api.Timeout(20)
class ReadableSomeFindEveryTest {

  private static Readable<Integer> oneTo5() {
    return Readable.from(List.of(1, 2, 3, 4, 5));
  }

  /** Node's {@code oneTo5Async}: each item passes through a promise. */
  private static Readable<Integer> oneTo5Async(EventLoop loop) {
    return oneTo5().map(x -> Promise.resolved(loop, x), 1);
  }

  private static List<String> answers(java.util.function.Function<EventLoop, Readable<Integer>> src,
      boolean asyncPredicate) {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      if (asyncPredicate) {
        OperatorSources.settle(src.apply(loop).some(x -> Promise.resolved(loop, x > 3), 1), out);
        OperatorSources.settle(src.apply(loop).every(x -> Promise.resolved(loop, x > 3), 1), out);
        OperatorSources.settle(src.apply(loop).find(x -> Promise.resolved(loop, x > 3), 1), out);
        OperatorSources.settle(src.apply(loop).some(x -> Promise.resolved(loop, x > 6), 1), out);
        OperatorSources.settle(src.apply(loop).every(x -> Promise.resolved(loop, x < 6), 1), out);
        OperatorSources.settle(src.apply(loop).find(x -> Promise.resolved(loop, x > 6), 1), out);
      } else {
        OperatorSources.settle(src.apply(loop).some(x -> x > 3), out);
        OperatorSources.settle(src.apply(loop).every(x -> x > 3), out);
        OperatorSources.settle(src.apply(loop).find(x -> x > 3), out);
        OperatorSources.settle(src.apply(loop).some(x -> x > 6), out);
        OperatorSources.settle(src.apply(loop).every(x -> x < 6), out);
        OperatorSources.settle(src.apply(loop).find(x -> x > 6), out);
      }
    });
    out.sort(null); // the six run concurrently; each answer is checked, not their interleaving
    return out;
  }

  private static final List<String> EXPECTED = sorted(List.of("ok:true", "ok:false",
      "ok:Optional[4]", "ok:false", "ok:true", "ok:Optional.empty"));

  private static List<String> sorted(List<String> l) {
    List<String> c = new ArrayList<>(l);
    c.sort(null);
    return c;
  }

  @Test
  void answersOnASyncStreamWithASyncPredicate() {
    assertEquals(EXPECTED, answers(loop -> oneTo5(), false));
  }

  @Test
  void answersOnAnAsyncStreamWithASyncPredicate() {
    assertEquals(EXPECTED, answers(ReadableSomeFindEveryTest::oneTo5Async, false));
  }

  @Test
  void answersOnASyncStreamWithAnAsyncPredicate() {
    assertEquals(EXPECTED, answers(loop -> oneTo5(), true));
  }

  @Test
  void answersOnAnAsyncStreamWithAnAsyncPredicate() {
    assertEquals(EXPECTED, answers(ReadableSomeFindEveryTest::oneTo5Async, true));
  }

  @Test
  void anEmptyStreamHasNoneSomeFalseAndEveryTrue() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      OperatorSources.settle(Readable.<Integer>from(List.of()).some(x -> true), out);
      OperatorSources.settle(Readable.<Integer>from(List.of()).every(x -> true), out);
      OperatorSources.settle(Readable.<Integer>from(List.of()).find(x -> true), out);
    });
    assertEquals(sorted(List.of("ok:false", "ok:true", "ok:Optional.empty")), sorted(out));
  }

  @Test
  void theyShortCircuitCallingThePredicateOnlyUpToTheAnswerAndDestroyTheSource() {
    int[] calls = new int[3];
    List<Readable<Integer>> sources = new ArrayList<>();
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> some = oneTo5();
      Readable<Integer> every = oneTo5();
      Readable<Integer> find = oneTo5();
      sources.addAll(List.of(some, every, find));
      OperatorSources.settle(some.some(x -> ++calls[0] > 0 && x > 2), out);
      OperatorSources.settle(every.every(x -> ++calls[1] > 0 && x < 3), out);
      OperatorSources.settle(find.find(x -> ++calls[2] > 0 && x > 1), out);
    });
    assertEquals(List.of(3, 3, 2), List.of(calls[0], calls[1], calls[2]));
    assertEquals(sorted(List.of("ok:true", "ok:false", "ok:Optional[2]")), sorted(out));
    for (Readable<Integer> s : sources) {
      assertTrue(s.destroyed());
      assertEquals(null, s.errored()); // destroyed without an error (Node 20: AbortError)
    }
  }

  @Test
  void withoutAShortCircuitTheWholeStreamIsIterated() {
    int[] calls = new int[3];
    EventLoop.run(loop -> {
      oneTo5().some(x -> ++calls[0] < 0);
      oneTo5().every(x -> ++calls[1] > 0);
      oneTo5().find(x -> ++calls[2] < 0);
    });
    assertEquals(List.of(5, 5, 5), List.of(calls[0], calls[1], calls[2]));
  }

  @Test
  void anEndlessSourceStopsBeingPulledAtTheMatch() {
    OperatorSources.Counting[] src = new OperatorSources.Counting[1];
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      src[0] = new OperatorSources.Counting(1);
      OperatorSources.settle(src[0].some(x -> x == 3), out);
    });
    assertEquals(List.of("ok:true"), out);
    assertTrue(src[0].destroyed());
    // 3 needed, plus at most the source's own read-ahead (its mark of 1).
    assertTrue(src[0].pulled >= 3 && src[0].pulled <= 4, "pulled " + src[0].pulled);
  }

  @Test
  void concurrencyDoesNotChangeWhichItemIsFound() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(Readable.from(List.of(1, 2)).find(
        x -> OperatorSources.later(loop, x == 1 ? 20 : 0, true), 2), out));
    assertEquals(List.of("ok:Optional[1]"), out);
  }

  @Test
  void anEarlierRejectionWinsOverAConcurrentLaterMatch() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.Resolvers<Boolean> first = Promise.withResolvers(loop);
      Readable<Integer> src = Readable.from(List.of(1, 2));
      OperatorSources.settle(src.find(x -> x == 1 ? first.promise() : Promise.resolved(loop, true), 2), out);
      loop.setTimeout(() -> first.reject(new IllegalStateException("boom")), 1);
    });
    assertEquals(List.of("err:boom"), out);
  }

  @Test
  void aThrowingOrRejectingPredicateRejectsAndDestroysTheSource() {
    List<String> out = new ArrayList<>();
    List<Readable<Integer>> sources = new ArrayList<>();
    int[] calls = {0};
    EventLoop.run(loop -> {
      for (int op = 0; op < 3; op++) {
        Readable<Integer> sync = oneTo5();
        Readable<Integer> async = oneTo5();
        sources.add(sync);
        sources.add(async);
        java.util.function.Predicate<Integer> thrower = x -> {
          calls[0]++;
          throw new IllegalStateException("sync");
        };
        java.util.function.Function<Integer, Promise<Boolean>> rejecter = x -> {
          calls[0]++;
          return Promise.rejected(loop, new IllegalStateException("async"));
        };
        Promise<?> a = op == 0 ? sync.some(thrower) : op == 1 ? sync.every(thrower) : sync.find(thrower);
        Promise<?> b = op == 0 ? async.some(rejecter, 1) : op == 1 ? async.every(rejecter, 1)
            : async.find(rejecter, 1);
        OperatorSources.settle(a, out);
        OperatorSources.settle(b, out);
      }
    });
    assertEquals(sorted(List.of("err:sync", "err:sync", "err:sync", "err:async", "err:async", "err:async")),
        sorted(out));
    assertEquals(6, calls[0]);
    sources.forEach(s -> assertTrue(s.destroyed()));
  }

  @Test
  void aSourceErrorRejects() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> failing = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
          destroy(new IllegalStateException("src"));
        }
      };
      OperatorSources.settle(failing.every(x -> true), out);
    });
    assertEquals(List.of("err:src"), out);
  }

  @Test
  void aConcurrencyBelowOneRejectsWithOutOfRange() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(
        Readable.from(List.of(1)).some(x -> Promise.resolved(loop, true), 0), out));
    assertEquals(List.of("err:ERR_OUT_OF_RANGE"), out);
  }

  @Test
  void toListIsNodesToArray() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      OperatorSources.settle(oneTo5().toList(), out);
      OperatorSources.settle(oneTo5Async(loop).toList(), out);
    });
    assertEquals(List.of("ok:[1, 2, 3, 4, 5]", "ok:[1, 2, 3, 4, 5]"), out);
  }
}
