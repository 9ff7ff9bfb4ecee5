package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The cross-thread hand-off: order, the loop thread, one task per burst, capacity, a dead loop. */
class HandoffTest {

  @Test
  void itemsFromFourProducersArriveOnTheLoopInEachProducersOrder() throws Exception {
    EventLoop loop = EventLoop.create("handoff").start();
    int producers = 4;
    int perProducer = 50_000;
    List<List<Integer>> seen = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      seen.add(new ArrayList<>());
    }
    AtomicInteger offLoop = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(producers * perProducer);
    Handoff<int[]> h = Handoff.unbounded(loop, 1024, hf -> {
      if (!loop.inLoop()) {
        offLoop.incrementAndGet();
      }
      int[] item;
      while ((item = hf.poll()) != null) {
        seen.get(item[0]).add(item[1]); // loop-confined: no lock
        all.countDown();
      }
    }, () -> { });
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int id = p;
      Thread t = new Thread(() -> {
        for (int i = 0; i < perProducer; i++) {
          h.offer(new int[] {id, i});
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(all.await(10, TimeUnit.SECONDS));
    loop.call(() -> {
      for (List<Integer> s : seen) {
        assertEquals(perProducer, s.size());
        for (int i = 0; i < perProducer; i++) {
          assertEquals(i, s.get(i));
        }
      }
      return null;
    }).get(10, TimeUnit.SECONDS);
    assertEquals(0, offLoop.get());
    loop.close();
  }

  @Test
  void aBurstOfferedWhileTheLoopIsBusyCostsOneLoopTask() throws Exception {
    EventLoop loop = EventLoop.create("handoff-burst").start();
    AtomicInteger drains = new AtomicInteger();
    AtomicInteger items = new AtomicInteger();
    Handoff<String> h = Handoff.unbounded(loop, 16, hf -> {
      drains.incrementAndGet();
      while (hf.poll() != null) {
        items.incrementAndGet();
      }
    }, () -> { });
    CountDownLatch release = holdLoop(loop);
    for (int i = 0; i < 1000; i++) {
      h.offer("x" + i);
    }
    release.countDown();
    assertEquals(1000, (int) loop.call(items::get).get(10, TimeUnit.SECONDS));
    // One loop task: its first pass takes all 1000 items, a second pass retires the 999 signals
    // counted meanwhile and finds the queue empty. A hop per item would make 1000 passes.
    assertEquals(2, drains.get());
    loop.close();
  }

  @Test
  void aFullBoundedHandoffRefusesAnItemAndKeepsTheOthers() throws Exception {
    EventLoop loop = EventLoop.create("handoff-bounded").start();
    List<String> got = new ArrayList<>();
    CountDownLatch release = holdLoop(loop);
    Handoff<String> h = Handoff.bounded(loop, 2, hf -> {
      String s;
      while ((s = hf.poll()) != null) {
        got.add(s);
      }
    }, () -> { });
    assertTrue(h.offer("a"));
    assertTrue(h.offer("b"));
    assertFalse(h.offer("c"));
    release.countDown();
    assertEquals(List.of("a", "b"), loop.call(() -> List.copyOf(got)).get(10, TimeUnit.SECONDS));
    assertTrue(h.offer("d"));
    assertEquals(List.of("a", "b", "d"), loop.call(() -> List.copyOf(got)).get(10, TimeUnit.SECONDS));
    loop.close();
  }

  @Test
  void aSignalWithoutItemsRunsTheDrain() throws Exception {
    EventLoop loop = EventLoop.create("handoff-signal").start();
    CompletableFuture<Boolean> ran = new CompletableFuture<>();
    Handoff<String> h = Handoff.unbounded(loop, 8, hf -> ran.complete(hf.isEmpty()), () -> { });
    h.signal();
    assertTrue(ran.get(10, TimeUnit.SECONDS));
    loop.close();
  }

  @Test
  void afterTheLoopTerminatedTheProducerRunsTheRejectionAction() throws Exception {
    EventLoop loop = EventLoop.create("handoff-dead").start();
    loop.close();
    AtomicReference<Thread> rejectedOn = new AtomicReference<>();
    AtomicInteger drains = new AtomicInteger();
    Handoff<String> h = Handoff.unbounded(loop, 8, hf -> drains.incrementAndGet(),
        () -> rejectedOn.set(Thread.currentThread()));
    assertTrue(h.offer("lost"));
    assertSame(Thread.currentThread(), rejectedOn.get());
    assertEquals(0, drains.get());
  }

  @Test
  void aDrainThatThrowsReachesTheLoopsHandlerAndTheRestStillDrains() throws Exception {
    List<String> log = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    EventLoop loop = EventLoop.create("handoff-throw").start();
    loop.call(() -> {
      loop.onUncaughtException((e, origin) -> log.add("uncaught " + e.getMessage()));
      return null;
    }).get(10, TimeUnit.SECONDS);
    CountDownLatch release = holdLoop(loop);
    Handoff<String> h = Handoff.unbounded(loop, 8, hf -> {
      String s = hf.poll();
      if (s == null) {
        return;
      }
      log.add("got " + s);
      if (s.equals("bad")) {
        throw new IllegalStateException("listener failed on " + s);
      }
      if (s.equals("last")) {
        done.countDown();
      }
    }, () -> { });
    h.offer("bad");
    h.offer("after");
    h.offer("last");
    release.countDown();
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertEquals(List.of("got bad", "uncaught listener failed on bad", "got after", "got last"),
        loop.call(() -> List.copyOf(log)).get(10, TimeUnit.SECONDS));
    loop.close();
  }

  /** Keeps the loop inside one callback until the returned latch is released. */
  private static CountDownLatch holdLoop(EventLoop loop) throws InterruptedException {
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    loop.execute(() -> {
      busy.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    busy.await();
    return release;
  }
}
