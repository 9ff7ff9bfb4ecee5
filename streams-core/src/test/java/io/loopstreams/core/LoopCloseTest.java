package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EventLoop#close()} never loses a task it accepted: every task offered to {@code
 * execute}/{@code call} either runs or is refused at once, every {@code call} future completes,
 * and a thread waiting for a promise the closed loop can no longer settle is released with an
 * error. (No Node counterpart: Node has no cross-thread entry; the policy is Netty's graceful
 * shutdown, see the class doc of EventLoop.)
 */
class LoopCloseTest {

  /** Starts a loop and blocks it in a task until the returned latch opens. */
  private static CountDownLatch busy(EventLoop loop) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    loop.execute(() -> {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertTrue(entered.await(10, TimeUnit.SECONDS));
    return release;
  }

  @Test
  void closeOfABusyLoopCompletesEveryAcceptedCallFuture() throws Exception {
    EventLoop loop = EventLoop.create("busy-calls").start();
    CountDownLatch release = busy(loop);
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      int n = i;
      futures.add(loop.call(() -> n));
    }
    loop.shutdown(); // the stop request arrives while all 2,000 wait behind the busy task
    release.countDown();
    loop.close();
    for (int i = 0; i < futures.size(); i++) {
      assertTrue(futures.get(i).isDone(), "future " + i + " completed by close()");
      assertEquals(i, futures.get(i).getNow(-1));
    }
    RejectedExecutionException late = assertThrows(RejectedExecutionException.class,
        () -> loop.call(() -> 1));
    assertEquals("loop busy-calls has terminated or is terminating", late.getMessage());
  }

  @Test
  void closeOfABusyLoopRunsEveryAcceptedExecuteTask() throws Exception {
    EventLoop loop = EventLoop.create("busy-executes").start();
    CountDownLatch release = busy(loop);
    AtomicInteger ran = new AtomicInteger();
    List<Boolean> onLoop = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      loop.execute(() -> {
        ran.incrementAndGet();
        onLoop.add(loop.inLoop());
      });
    }
    loop.shutdown();
    release.countDown();
    loop.close();
    assertEquals(2_000, ran.get());
    assertEquals(List.of(true), onLoop.stream().distinct().toList());
  }

  @Test
  void tasksOfferedWhileTheLoopClosesEitherRunOrAreRefused() throws Exception {
    EventLoop loop = EventLoop.create("racing").start();
    int producers = 4;
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger ran = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(producers);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      Thread t = new Thread(() -> {
        running.countDown();
        try {
          for (;;) {
            loop.execute(ran::incrementAndGet);
            accepted.incrementAndGet();
          }
        } catch (RejectedExecutionException refused) {
          // the loop is closing: this one and every later task are refused, none lost
        }
      });
      threads.add(t);
      t.start();
    }
    assertTrue(running.await(10, TimeUnit.SECONDS));
    loop.close();
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertTrue(accepted.get() > 0);
    assertEquals(accepted.get(), ran.get(), "every accepted task ran");
  }

  /** A promise settled only by a timer an hour away, which a close drops. */
  private static Promise<String> settledInAnHour(EventLoop loop) throws Exception {
    return loop.call(() -> {
      Promise.Resolvers<String> r = Promise.withResolvers(loop);
      loop.setTimeout(() -> r.resolve("too late"), 3_600_000);
      return r.promise();
    }).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFutureOfAPromiseTheClosedLoopCanNoLongerSettleFails() throws Exception {
    EventLoop loop = EventLoop.create("bridge-close").start();
    Promise<String> never = settledInAnHour(loop);
    CompletableFuture<String> bridge = never.toCompletableFuture();
    loop.call(() -> null).get(10, TimeUnit.SECONDS); // the bridge is attached: tasks run in order
    loop.close();
    ExecutionException e = assertThrows(ExecutionException.class, () -> bridge.get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals("loop bridge-close terminated before the promise settled", e.getCause().getMessage());
    IllegalStateException after = assertThrows(IllegalStateException.class, never::await);
    assertEquals("loop bridge-close has terminated: the promise can no longer be observed",
        after.getMessage());
  }

  @Test
  void aThreadBlockedInAwaitIsReleasedWithAnErrorWhenTheLoopCloses() throws Exception {
    EventLoop loop = EventLoop.create("await-close").start();
    Promise<String> never = settledInAnHour(loop);
    CompletableFuture<String> waiter = CompletableFuture.supplyAsync(never::await);
    loop.close();
    // Whether await attached before the close or after it, it fails instead of waiting for ever.
    ExecutionException e = assertThrows(ExecutionException.class, () -> waiter.get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertTrue(e.getCause().getMessage().startsWith("loop await-close "), e.getCause().getMessage());
  }

  @Test
  void closingALoopThatNeverStartedRunsTheTasksItAccepted() {
    EventLoop loop = EventLoop.create("never-started");
    List<String> log = new ArrayList<>();
    CompletableFuture<String> f = loop.call(() -> "called");
    loop.execute(() -> log.add("executed on " + (loop.inLoop() ? "the loop" : "elsewhere")));
    loop.close();
    assertEquals(List.of("executed on the loop"), log);
    assertEquals("called", f.getNow(null));
    assertTrue(loop.isTerminated());
    assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
  }

  @Test
  void aChannelOpenedByOffloadedWorkThatFinishesAfterCloseIsClosedNotLeaked(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    OffloadPool onePool = new OffloadPool("close-offload", 1);
    EventLoop loop = EventLoop.create("close-offload", onePool).start();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstDone = new CountDownLatch(1);
    AtomicReference<FileChannel> opened = new AtomicReference<>();
    List<String> delivered = new ArrayList<>();
    loop.call(() -> {
      loop.offload(() -> {
        release.await();
        opened.set(FileChannel.open(file));
        return opened.get();
      }, (ch, e) -> delivered.add("delivered"));
      // One pool thread: this runs only after the first task, its hand-off included, is over.
      loop.offload(() -> {
        firstDone.countDown();
        return null;
      }, (v, e) -> { });
      return null;
    }).get(10, TimeUnit.SECONDS);
    loop.close();
    release.countDown();
    assertTrue(firstDone.await(10, TimeUnit.SECONDS));
    assertEquals(List.of(), delivered);
    assertFalse(opened.get().isOpen(), "the channel nobody can receive is closed");
  }
}
