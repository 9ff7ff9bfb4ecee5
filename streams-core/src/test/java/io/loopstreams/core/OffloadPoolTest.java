package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The offload pool, libuv's thread pool. Re-expresses doc/api/cli.md § {@code UV_THREADPOOL_SIZE}
 * and the "poll" phase of the doc "The Node.js Event Loop": work runs on a pool thread, its
 * completion on the loop thread, and pending work keeps the loop alive (an active request).
 */
@org.junit.jupiter.api.Timeout(30)
class OffloadPoolTest {

  @Test
  void workRunsOnAPoolThreadAndItsCompletionOnTheLoopThread() {
    List<String> log = new ArrayList<>();
    Thread[] loopThread = new Thread[1];
    EventLoop.run(loop -> {
      loopThread[0] = Thread.currentThread();
      loop.offload(() -> Thread.currentThread(), (worker, err) -> {
        log.add("work on loop thread: " + (worker == loopThread[0]));
        log.add("work on " + worker.getName().replaceAll("-\\d+$", "-N"));
        log.add("completion on loop thread: " + (Thread.currentThread() == loopThread[0]));
      });
    });
    assertEquals(List.of("work on loop thread: false", "work on loopstreams-offload-N",
        "completion on loop thread: true"), log);
  }

  @Test
  void offloadedWorkKeepsRunAliveUntilItsCompletionRan() {
    List<String> log = new ArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    EventLoop.run(loop -> {
      loop.offload(() -> release.await(10, TimeUnit.SECONDS)).thenAccept(ok -> log.add("completed " + ok));
      // Unref'd: only the pending work keeps the loop alive long enough for this to fire.
      loop.setTimeout(() -> {
        log.add("unref'd timer released the work");
        release.countDown();
      }, 20).unref();
    });
    assertEquals(List.of("unref'd timer released the work", "completed true"), log);
  }

  @Test
  void completionsArriveInThePollPhase() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> loop.offload(() -> 1, (v, e) -> {
      loop.scheduleClose(() -> log.add("close"));
      loop.setImmediate(() -> log.add("check"));
      loop.nextTick(() -> log.add("tick"));
      log.add("completion");
    }));
    assertEquals(List.of("completion", "tick", "check", "close"), log);
  }

  @Test
  void aFailingWorkRejectsWithItsError() {
    List<Throwable> errors = new ArrayList<>();
    IllegalStateException failure = new IllegalStateException("failed");
    EventLoop.run(loop -> loop.offload(() -> {
      throw failure;
    }).catchError(e -> {
      errors.add(e);
      return null;
    }));
    assertEquals(1, errors.size());
    assertSame(failure, errors.get(0));
  }

  @Test
  void configuredSizeDefaultsToFour() {
    assertEquals(4, OffloadPool.configuredSize(null, null));
    assertEquals(4, OffloadPool.configuredSize("", " "));
  }

  @Test
  void configuredSizeReadsThePropertyThenTheEnvironment() {
    assertEquals(8, OffloadPool.configuredSize("8", null));
    assertEquals(6, OffloadPool.configuredSize(null, "6"));
    assertEquals(8, OffloadPool.configuredSize("8", "6"), "the property wins");
    assertEquals(6, OffloadPool.configuredSize("  ", "6"), "a blank property falls back");
    assertEquals(3, OffloadPool.configuredSize(" 3 ", null));
  }

  @Test
  void configuredSizeIsClampedToLibuvsRange() {
    assertEquals(1, OffloadPool.configuredSize("0", null));
    assertEquals(1, OffloadPool.configuredSize("-4", null));
    assertEquals(1024, OffloadPool.configuredSize(null, "5000"));
  }

  @Test
  void anUnparsableSizeFailsNamingTheValueAndItsSources() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OffloadPool.configuredSize(null, "four"));
    assertEquals("invalid offload pool size 'four' (from loopstreams.threadpool.size or "
        + "LOOPSTREAMS_THREADPOOL_SIZE)", e.getMessage());
  }

  @Test
  void theSharedPoolHasTheConfiguredSize() {
    assertEquals(OffloadPool.configuredSize(System.getProperty(OffloadPool.SIZE_PROPERTY),
        System.getenv(OffloadPool.SIZE_ENV)), OffloadPool.shared().size());
    assertSame(OffloadPool.shared(), EventLoop.create().offloadPool());
  }

  @Test
  void aPrivatePoolRejectsSizesOutsideOneTo1024() {
    assertThrows(IllegalArgumentException.class, () -> new OffloadPool("p", 0));
    assertThrows(IllegalArgumentException.class, () -> new OffloadPool("p", 1025));
  }

  @Test
  void queueDepthAndWaitTimeAreReadable() {
    OffloadPool pool = new OffloadPool("test-pool", 1);
    EventLoop loop = EventLoop.create("depth", pool);
    assertNotSame(OffloadPool.shared(), loop.offloadPool());
    List<String> log = new ArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    loop.runMain(l -> {
      l.offload(() -> {
        started.countDown();
        return release.await(10, TimeUnit.SECONDS);
      }, (v, e) -> log.add("blocker done"));
      for (int i = 0; i < 3; i++) {
        int n = i;
        l.offload(() -> n, (v, e) -> log.add("queued " + v + " done"));
      }
      await(started); // the one thread is busy: the other three wait in the queue
      log.add("depth " + pool.queueDepth() + ", active " + pool.activeCount() + ", submitted "
          + pool.submittedTasks());
      TimersOrderTest.spin(20); // let the queued tasks wait a measurable time
      release.countDown();
    });
    assertEquals(List.of("depth 3, active 1, submitted 4", "blocker done", "queued 0 done",
        "queued 1 done", "queued 2 done"), log);
    assertEquals(0, pool.queueDepth());
    assertEquals(4, pool.startedTasks());
    assertTrue(pool.maxWaitNanos() >= 20_000_000L, "max wait " + pool.maxWaitNanos());
    assertTrue(pool.meanWaitNanos() >= 20_000_000L * 3 / 4, "mean wait " + pool.meanWaitNanos());
    assertTrue(pool.toString().startsWith("OffloadPool[size=1, queued=0"), pool.toString());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aClosedPrivatePoolRunsWhatWasSubmittedRefusesMoreAndItsThreadsEnd() throws Exception {
    OffloadPool pool = new OffloadPool("closing-pool", 2);
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.offload(pool, () -> "first", (v, e) -> log.add(v));
      loop.offload(pool, () -> "second", (v, e) -> log.add(v));
      pool.close();
      assertThrows(java.util.concurrent.RejectedExecutionException.class,
          () -> loop.offload(pool, () -> "late", (v, e) -> log.add(v)));
    });
    assertEquals(List.of("first", "second"), log.stream().sorted().toList());
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("closing-pool-")) {
        t.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(!t.isAlive(), t.getName() + " still runs");
      }
    }
  }

  @Test
  void theSharedPoolCannotBeClosed() {
    assertThrows(IllegalStateException.class, () -> OffloadPool.shared().close());
  }
}
