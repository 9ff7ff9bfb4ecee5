package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Continuations of a loop-bound promise. Re-expresses the ECMAScript Promise semantics that Node's
 * {@code test/parallel/test-promise-*} files rely on (then/catch/finally, adoption of a returned
 * promise, a throw in a continuation rejecting the derived promise) and doc/api/process.md
 * § "When to use queueMicrotask() vs process.nextTick()" for where the continuations run.
 */
@org.junit.jupiter.api.Timeout(10)
class PromiseTest {

  @Test
  void mapChainsValuesAsPromiseJobs() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.resolved(loop, 1).map(v -> v + 1).map(v -> v * 10).thenAccept(v -> log.add("value " + v));
      log.add("sync");
    });
    assertEquals(List.of("sync", "value 20"), log);
  }

  /**
   * A reaction is queued with its source's value, or with the source itself when the value
   * cannot be told apart from a promise (null, a promise held as a value) or the source
   * rejected: every such outcome reaches then/onSettled/catch/adoption unchanged, whether the
   * continuation was attached before or after the source settled. (Adoption takes one job more
   * than a map, so "adopted" comes last, as in Node, where it takes two.)
   */
  @Test
  void everyKindOfOutcomeReachesItsContinuationsAttachedBeforeOrAfterSettling() {
    List<String> log = new ArrayList<>();
    IOException reason = new IOException("no");
    EventLoop.run(loop -> {
      Promise<Integer> inner = Promise.resolved(loop, 7);
      // after settling
      Promise.resolved(loop, (Object) null).thenAccept(v -> log.add("null " + v));
      Promise.resolved(loop, inner).thenAccept(v -> log.add("promise value " + (v == inner)));
      Promise.resolved(loop, 5).onSettled((v, e) -> log.add("onSettled " + v + " " + e));
      Promise.<Integer>rejected(loop, reason).catchError(e -> {
        log.add("caught " + (e == reason));
        return 0;
      });
      Promise.resolved(loop, 9).flatMap(v -> Promise.resolved(loop, v + 1)).thenAccept(v -> log.add("adopted " + v));
      // before settling
      Promise.Resolvers<Object> a = Promise.withResolvers(loop);
      Promise.Resolvers<Object> b = Promise.withResolvers(loop);
      Promise.Resolvers<String> c = Promise.withResolvers(loop);
      a.promise().thenAccept(v -> log.add("later null " + v));
      b.promise().thenAccept(v -> log.add("later promise value " + (v == inner)));
      c.promise().map(v -> v + "!").thenAccept(v -> log.add("later " + v));
      c.promise().onSettled((v, e) -> log.add("later onSettled " + v));
      a.resolve(null);
      b.resolve(inner);
      c.resolve("x");
    });
    assertEquals(List.of("null null", "promise value true", "onSettled 5 null", "caught true",
        "later null null", "later promise value true", "later onSettled x", "later x!", "adopted 10"), log);
  }

  @Test
  void flatMapAdoptsAPromiseThatSettlesLater() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> Promise.resolved(loop, "a")
        .flatMap(v -> {
          Promise.Resolvers<String> later = Promise.withResolvers(loop);
          loop.setTimeout(() -> {
            log.add("timer resolves");
            later.resolve(v + "b");
          }, 5);
          return later.promise();
        })
        .thenAccept(v -> log.add("adopted " + v)));
    assertEquals(List.of("timer resolves", "adopted ab"), log);
  }

  @Test
  void flatMapAdoptsARejection() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> Promise.resolved(loop, 1)
        .flatMap(v -> Promise.<Integer>rejected(loop, new IllegalStateException("inner")))
        .catchError(e -> {
          log.add("caught " + e.getMessage());
          return 0;
        }));
    assertEquals(List.of("caught inner"), log);
  }

  @Test
  void aThrowingContinuationRejectsTheDerivedPromise() {
    List<Object> log = new ArrayList<>();
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    EventLoop.run(loop -> Promise.resolved(loop, 1)
        .map(v -> {
          throw boom;
        })
        .map(v -> {
          log.add("skipped");
          return v;
        })
        .catchError(e -> {
          log.add(e);
          return null;
        }));
    assertEquals(1, log.size());
    assertSame(boom, log.get(0));
  }

  @Test
  void catchErrorRecoversAndIsSkippedOnFulfilment() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.<String>rejected(loop, new IllegalStateException("x"))
          .catchError(e -> "recovered from " + e.getMessage())
          .thenAccept(log::add);
      Promise.resolved(loop, "plain").catchError(e -> "never").thenAccept(log::add);
    });
    assertEquals(List.of("recovered from x", "plain"), log); // as in JavaScript: one job per step
  }

  @Test
  void thenWithTwoCallbacksTakesTheMatchingOne() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.resolved(loop, 2).then(v -> "fulfilled " + v, e -> "rejected").thenAccept(log::add);
      Promise.<Integer>rejected(loop, new IllegalStateException("e"))
          .then(v -> "fulfilled", e -> "rejected " + e.getMessage()).thenAccept(log::add);
    });
    assertEquals(List.of("fulfilled 2", "rejected e"), log);
  }

  @Test
  void doFinallyRunsOnBothOutcomesAndPassesThemOn() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.resolved(loop, "v").doFinally(() -> log.add("finally 1")).thenAccept(v -> log.add("value " + v));
      Promise.<String>rejected(loop, new IllegalStateException("e"))
          .doFinally(() -> log.add("finally 2"))
          .catchError(e -> {
            log.add("still rejected " + e.getMessage());
            return null;
          });
    });
    assertEquals(List.of("finally 1", "finally 2", "value v", "still rejected e"), log);
  }

  @Test
  void aThrowingFinallyReplacesTheOutcome() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> Promise.resolved(loop, "v")
        .doFinally(() -> {
          throw new IllegalStateException("from finally");
        })
        .catchError(e -> {
          log.add(e.getMessage());
          return null;
        }));
    assertEquals(List.of("from finally"), log);
  }

  @Test
  void thenAcceptFulfilsWithNullAndPassesARejectionOn() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.resolved(loop, "v").thenAccept(v -> log.add("accepted " + v)).thenAccept(v -> log.add("then " + v));
      Promise.<String>rejected(loop, new IllegalStateException("e"))
          .thenAccept(v -> log.add("never"))
          .catchError(e -> {
            log.add("passed on " + e.getMessage());
            return null;
          });
    });
    assertEquals(List.of("accepted v", "then null", "passed on e"), log); // one job per step, FIFO
  }

  @Test
  void createRunsTheExecutorSynchronouslyAndAThrowRejects() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.<String>create(loop, (resolve, reject) -> {
        log.add("executor");
        resolve.accept("ok");
      }).thenAccept(v -> log.add("then " + v));
      Promise.<String>create(loop, (resolve, reject) -> {
        throw new IOException("io");
      }).catchError(e -> {
        log.add("caught " + e.getMessage());
        return null;
      });
      log.add("sync end");
    });
    assertEquals(List.of("executor", "sync end", "then ok", "caught io"), log);
  }

  @Test
  void aPromiseSettlesOnlyOnce() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.Resolvers<String> r = Promise.withResolvers(loop);
      r.resolve("first");
      r.resolve("second");
      r.reject(new IllegalStateException("ignored"));
      r.promise().thenAccept(v -> log.add(v));
      assertTrue(r.promise().isFulfilled());
    });
    assertEquals(List.of("first"), log);
  }

  @Test
  void reactionsRunInTheOrderTheyWereAttached() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.Resolvers<String> r = Promise.withResolvers(loop);
      r.promise().thenAccept(v -> log.add("1"));
      r.promise().thenAccept(v -> log.add("2"));
      r.promise().onSettled((v, e) -> log.add("3"));
      loop.setTimeout(() -> r.resolve("go"), 1);
    });
    assertEquals(List.of("1", "2", "3"), log);
  }

  @Test
  void adoptingItselfRejectsWithAChainingCycleError() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise<?>[] self = new Promise<?>[1];
      Promise.Resolvers<Integer> r = Promise.withResolvers(loop);
      @SuppressWarnings("unchecked")
      Promise<Object> p = r.promise().flatMap(v -> (Promise<Object>) self[0]);
      self[0] = p;
      p.catchError(e -> {
        log.add(e.getMessage());
        return null;
      });
      r.resolve(1);
    });
    assertEquals(List.of("Chaining cycle detected for promise"), log);
  }

  @Test
  void stateIsVisibleOnTheLoop() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.Resolvers<Integer> r = Promise.withResolvers(loop);
      Promise<Integer> rejected = Promise.rejected(loop, new IllegalStateException());
      rejected.catchError(e -> 0);
      log.add(r.promise() + " " + r.promise().isPending());
      r.resolve(1);
      log.add(r.promise() + " " + r.promise().isFulfilled());
      log.add(rejected + " " + rejected.isRejected());
      assertSame(loop, rejected.loop());
    });
    assertEquals(List.of("Promise[pending] true", "Promise[fulfilled] true", "Promise[rejected] true"), log);
  }
}
