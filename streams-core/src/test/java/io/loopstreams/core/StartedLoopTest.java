package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A loop on its own thread ({@code start()}/{@code close()}), fed through {@code execute()} from
 * other threads. No Node counterpart (the closest is a Worker's MessagePort); DESIGN.md
 * § streams-core "a started loop ... lives on its own thread for servers, tests and embedding".
 */
@org.junit.jupiter.api.Timeout(60)
class StartedLoopTest {

  @Test
  void tasksExecutedFromManyThreadsAllRunOnTheLoop() throws Exception {
    int threads = 4;
    int perThread = 100_000;
    EventLoop loop = EventLoop.create("many").start();
    try {
      CountDownLatch allRan = new CountDownLatch(1);
      int[] ran = {0}; // loop thread only
      int[] offLoop = {0};
      List<Thread> producers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread producer = new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            loop.execute(() -> {
              if (!loop.inLoop()) {
                offLoop[0]++;
              }
              if (++ran[0] == threads * perThread) {
                allRan.countDown();
              }
            });
          }
        }, "producer-" + t);
        producers.add(producer);
        producer.start();
      }
      assertTrue(allRan.await(30, TimeUnit.SECONDS), "all tasks ran");
      for (Thread p : producers) {
        p.join();
      }
      assertEquals(List.of(threads * perThread, 0), loop.call(() -> List.of(ran[0], offLoop[0]))
          .get(5, TimeUnit.SECONDS));
    } finally {
      loop.close();
    }
  }

  @Test
  void tasksFromOneThreadRunInSubmissionOrder() throws Exception {
    EventLoop loop = EventLoop.create("fifo").start();
    try {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        int n = i;
        loop.execute(() -> order.add(n));
      }
      List<Integer> seen = loop.call(() -> List.copyOf(order)).get(5, TimeUnit.SECONDS);
      assertEquals(10_000, seen.size());
      for (int i = 0; i < seen.size(); i++) {
        assertEquals(i, seen.get(i));
      }
    } finally {
      loop.close();
    }
  }

  @Test
  void aStartedLoopRunsTimersAndStaysAliveWithNothingScheduled() throws Exception {
    EventLoop loop = EventLoop.create("timers").start();
    try {
      CountDownLatch fired = new CountDownLatch(1);
      loop.execute(() -> loop.setTimeout(fired::countDown, 10));
      assertTrue(fired.await(5, TimeUnit.SECONDS));
      assertEquals("still alive", loop.call(() -> "still alive").get(5, TimeUnit.SECONDS));
    } finally {
      loop.close();
    }
  }

  @Test
  void closeStopsTheLoopAndLaterExecutesAreRejected() throws Exception {
    EventLoop loop = EventLoop.create("closing").start();
    List<String> log = new ArrayList<>();
    loop.call(() -> loop.setTimeout(() -> log.add("dropped"), 3_600_000)).get(5, TimeUnit.SECONDS);
    loop.close();
    assertTrue(loop.isTerminated());
    assertTrue(loop.terminationFuture().isDone());
    loop.close(); // idempotent
    assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
    assertEquals(List.of(), log);
  }

  @Test
  void closeFromInsideTheLoopStopsItAfterTheCurrentCallback() throws Exception {
    EventLoop loop = EventLoop.create("self-close").start();
    List<String> log = new ArrayList<>();
    loop.execute(() -> {
      loop.close();
      log.add("callback finishes");
      loop.nextTick(() -> log.add("tick after close is dropped"));
    });
    loop.terminationFuture().get(5, TimeUnit.SECONDS);
    assertEquals(List.of("callback finishes"), log);
  }

  @Test
  void anUncaughtErrorTerminatesAStartedLoopExceptionally() {
    EventLoop loop = EventLoop.create("failing").start();
    IllegalStateException boom = new IllegalStateException("boom");
    try (CapturedLog logs = CapturedLog.of(EventLoop.class)) {
      loop.execute(() -> {
        throw boom;
      });
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> loop.terminationFuture().get(5, TimeUnit.SECONDS));
      assertEquals(boom, e.getCause());
      assertEquals(List.of("loop failing stopped by an uncaught exception"),
          logs.messages(java.util.logging.Level.SEVERE));
    }
    assertTrue(loop.isTerminated());
  }
}
