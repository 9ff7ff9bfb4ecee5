package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridges between promises and other threads: {@code from(CompletionStage)},
 * {@code toCompletableFuture()} and {@code await()}. No Node counterpart (JavaScript has one
 * thread); DESIGN.md § Threading model: "A blocking call on the loop thread (e.g.
 * {@code Promise.await()}) throws".
 */
@org.junit.jupiter.api.Timeout(20)
class PromiseBridgeTest {

  private EventLoop started;

  @AfterEach
  void closeLoop() {
    if (started != null) {
      started.close();
    }
  }

  @Test
  void fromAStageCompletedOnAnotherThreadSettlesOnTheLoop() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      CompletableFuture<String> f = new CompletableFuture<>();
      Promise.from(loop, f).thenAccept(v -> log.add(v + " on loop " + loop.inLoop()));
      Thread t = new Thread(() -> f.complete("value"), "completer");
      t.start();
    });
    assertEquals(List.of("value on loop true"), log);
  }

  @Test
  void fromAFailedStageRejectsWithTheUnwrappedCause() {
    List<Throwable> log = new ArrayList<>();
    IOException cause = new IOException("io");
    EventLoop.run(loop -> {
      CompletableFuture<String> f = new CompletableFuture<>();
      Promise.from(loop, f.thenApply(s -> s)).catchError(e -> {
        log.add(e);
        return null;
      });
      new Thread(() -> f.completeExceptionally(cause), "failer").start();
    });
    assertEquals(1, log.size());
    assertSame(cause, log.get(0));
  }

  @Test
  void fromAnAlreadyCompletedStageStillSettlesAsynchronously() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.from(loop, CompletableFuture.completedFuture("done")).thenAccept(log::add);
      log.add("sync");
    });
    assertEquals(List.of("sync", "done"), log);
  }

  @Test
  void toCompletableFutureCompletesWithTheOutcome() throws Exception {
    List<CompletableFuture<String>> futures = new ArrayList<>();
    EventLoop.run(loop -> {
      futures.add(loop.offload(() -> "offloaded").toCompletableFuture());
      futures.add(Promise.<String>rejected(loop, new IllegalStateException("no")).toCompletableFuture());
    });
    assertEquals("offloaded", futures.get(0).get(1, TimeUnit.SECONDS));
    ExecutionException e = assertThrows(ExecutionException.class, () -> futures.get(1).get(1, TimeUnit.SECONDS));
    assertEquals("no", e.getCause().getMessage());
  }

  @Test
  void awaitOnTheLoopThreadThrows() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> Promise.resolved(loop, 1).await());
      log.add(e.getMessage());
    });
    assertEquals(1, log.size());
    assertTrue(log.get(0).startsWith("await() called on the thread of loop "), log.get(0));
  }

  @Test
  void awaitOffTheLoopReturnsTheValue() throws Exception {
    started = EventLoop.create("await").start();
    Promise<String> p = started.call(() -> {
      Promise.Resolvers<String> r = Promise.withResolvers(started);
      started.setTimeout(() -> r.resolve("later"), 10);
      return r.promise();
    }).get(5, TimeUnit.SECONDS);
    assertEquals("later", p.await());
    assertEquals("later", p.await(Duration.ofSeconds(1)), "await again on a settled promise");
  }

  @Test
  void awaitRethrowsAnUncheckedRejectionAsItIs() throws Exception {
    started = EventLoop.create("await-rejected").start();
    IllegalStateException reason = new IllegalStateException("rejected");
    Promise<String> p = started.call(() -> {
      Promise<String> r = started.offload(() -> {
        throw reason;
      });
      r.catchError(e -> null); // handled, so not an unhandled rejection
      return r;
    }).get(5, TimeUnit.SECONDS);
    assertSame(reason, assertThrows(IllegalStateException.class, p::await));
  }

  @Test
  void awaitWrapsACheckedRejection() throws Exception {
    started = EventLoop.create("await-checked").start();
    IOException reason = new IOException("io");
    Promise<String> p = started.call(() -> {
      Promise<String> r = Promise.rejected(started, reason);
      r.catchError(e -> null);
      return r;
    }).get(5, TimeUnit.SECONDS);
    CompletionException e = assertThrows(CompletionException.class, p::await);
    assertSame(reason, e.getCause());
  }

  @Test
  void awaitWithATimeoutGivesUp() throws Exception {
    started = EventLoop.create("await-timeout").start();
    Promise<String> never = started.call(() -> Promise.<String>withResolvers(started).promise())
        .get(5, TimeUnit.SECONDS);
    CompletionException e = assertThrows(CompletionException.class, () -> never.await(Duration.ofMillis(20)));
    assertTrue(e.getCause() instanceof TimeoutException);
  }
}
