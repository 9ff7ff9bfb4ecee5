package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Promise.all/allSettled/race/any}, as ECMAScript defines them (and as Node's
 * {@code test/parallel/test-promise-*} files use them): results in input order whatever the
 * settle order, the first rejection or fulfilment wins, and {@code any} rejects with an
 * AggregateError of every reason in input order.
 */
@org.junit.jupiter.api.Timeout(10)
class PromiseCombinatorsTest {

  /** A promise settled by a timer after {@code ms}. */
  private static <T> Promise<T> later(EventLoop loop, long ms, T value, Throwable error) {
    Promise.Resolvers<T> r = Promise.withResolvers(loop);
    loop.setTimeout(() -> {
      if (error != null) {
        r.reject(error);
      } else {
        r.resolve(value);
      }
    }, ms);
    return r.promise();
  }

  @Test
  void allKeepsInputOrderWhateverTheSettleOrder() {
    List<Object> log = new ArrayList<>();
    EventLoop.run(loop -> Promise.all(loop, List.of(later(loop, 20, "slow", null),
        later(loop, 1, "fast", null), Promise.resolved(loop, "now"))).thenAccept(log::add));
    assertEquals(List.of(List.of("slow", "fast", "now")), log);
  }

  @Test
  void allRejectsWithTheFirstRejection() {
    List<Object> log = new ArrayList<>();
    IllegalStateException first = new IllegalStateException("first");
    EventLoop.run(loop -> Promise.all(loop, List.of(later(loop, 20, null, new IllegalStateException("second")),
        later(loop, 5, null, first), later(loop, 1, "ok", null))).catchError(e -> {
          log.add(e);
          return null;
        }));
    assertEquals(1, log.size());
    assertSame(first, log.get(0));
  }

  @Test
  void allOfNothingFulfilsWithAnEmptyList() {
    List<Object> log = new ArrayList<>();
    EventLoop.run(loop -> Promise.<String>all(loop, List.of()).thenAccept(log::add));
    assertEquals(List.of(List.of()), log);
  }

  @Test
  void allSettledReportsEveryOutcomeInInputOrder() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> Promise.allSettled(loop, List.of(later(loop, 10, "a", null),
        later(loop, 1, null, new IllegalStateException("b")), Promise.resolved(loop, "c")))
        .thenAccept(outcomes -> outcomes.forEach(o -> log.add(o.fulfilled() ? "fulfilled " + o.value()
            : "rejected " + o.reason().getMessage()))));
    assertEquals(List.of("fulfilled a", "rejected b", "fulfilled c"), log);
  }

  @Test
  void raceSettlesLikeTheFirstToSettle() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.race(loop, List.of(later(loop, 20, "slow", null), later(loop, 1, "fast", null)))
          .thenAccept(v -> log.add("won " + v));
      Promise.race(loop, List.of(later(loop, 20, "slow", null),
          later(loop, 1, null, new IllegalStateException("fast failure"))))
          .catchError(e -> {
            log.add("lost " + e.getMessage());
            return null;
          });
    });
    assertEquals(List.of("won fast", "lost fast failure"), log);
  }

  @Test
  void raceOfNothingStaysPendingAndDoesNotKeepTheLoopAlive() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> Promise.race(loop, List.of()).thenAccept(v -> log.add("never")));
    assertEquals(List.of(), log);
  }

  @Test
  void anyFulfilsWithTheFirstFulfilment() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> Promise.any(loop, List.of(later(loop, 1, null, new IllegalStateException("x")),
        later(loop, 20, "slow", null), later(loop, 5, "first fulfilled", null))).thenAccept(log::add));
    assertEquals(List.of("first fulfilled"), log);
  }

  @Test
  void anyRejectsWithAnAggregateOfAllReasonsInInputOrder() {
    List<AggregateException> log = new ArrayList<>();
    IllegalStateException a = new IllegalStateException("a");
    IllegalStateException b = new IllegalStateException("b");
    EventLoop.run(loop -> Promise.any(loop, List.of(later(loop, 20, null, a), later(loop, 1, null, b)))
        .catchError(e -> {
          log.add((AggregateException) e);
          return null;
        }));
    assertEquals(1, log.size());
    assertEquals("All promises were rejected", log.get(0).getMessage());
    assertEquals(List.of(a, b), log.get(0).errors());
    assertEquals(List.of(a, b), List.of(log.get(0).getSuppressed()));
  }

  @Test
  void anyOfNothingRejectsAtOnceWithAnEmptyAggregate() {
    List<Throwable> log = new ArrayList<>();
    EventLoop.run(loop -> Promise.any(loop, List.of()).catchError(e -> {
      log.add(e);
      return null;
    }));
    assertEquals(1, log.size());
    assertTrue(log.get(0) instanceof AggregateException);
    assertEquals(List.of(), ((AggregateException) log.get(0)).errors());
  }

  @Test
  void combinatorsHandleTheRejectionsOfTheirInputs() {
    // Losing rejections of race/any/all inputs must not surface as unhandled rejections.
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.race(loop, List.of(Promise.resolved(loop, "win"),
          Promise.rejected(loop, new IllegalStateException("lose")))).thenAccept(log::add);
      Promise.any(loop, List.of(Promise.rejected(loop, new IllegalStateException("x")),
          Promise.resolved(loop, "any"))).thenAccept(log::add);
      Promise.all(loop, List.of(Promise.rejected(loop, new IllegalStateException("1")),
          Promise.rejected(loop, new IllegalStateException("2")))).catchError(e -> {
            log.add("all " + e.getMessage());
            return null;
          });
    });
    assertEquals(List.of("win", "any", "all 1"), log);
  }
}
