package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One request in flight on a pool; a deferred close waits for it and its result is discarded. */
class OffloadSlotTest {

  @Test
  void theCompletionRunsOnTheLoopWithTheResultAndTheSlotIsFreeAgain() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      OffloadSlot slot = OffloadSlot.of(loop);
      slot.submit(() -> "value", (v, e) -> {
        log.add(v + " on loop=" + loop.inLoop() + " busy=" + slot.busy());
      });
      log.add("busy=" + slot.busy());
    });
    assertEquals(List.of("busy=true", "value on loop=true busy=false"), log);
  }

  /**
   * The slot re-arms one task for every request: requests made from the completion of the one
   * before (the usual read loop) each get their own outcome, errors included, and every
   * completion and deferred action runs once.
   */
  @Test
  void requestsChainedFromCompletionsEachGetTheirOwnOutcome() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      OffloadSlot slot = OffloadSlot.of(loop);
      int[] i = {0};
      Runnable[] next = {null};
      next[0] = () -> {
        int n = i[0]++;
        slot.submit(() -> {
          if (n % 3 == 2) {
            throw new IllegalStateException("fail " + n);
          }
          return n * 10;
        }, (v, e) -> {
          log.add(e != null ? e.getMessage() : String.valueOf(v));
          if (n < 5) {
            next[0].run(); // the task of this completion is re-armed while it still runs
          } else {
            slot.whenIdle(() -> log.add("idle"));
          }
        });
      };
      next[0].run();
    });
    assertEquals(List.of("0", "10", "fail 2", "30", "40", "fail 5", "idle"), log);
  }

  @Test
  void aSecondRequestWhileOneIsInFlightIsRefused() {
    EventLoop.run(loop -> {
      OffloadSlot slot = OffloadSlot.of(loop);
      slot.submit(() -> 1, (v, e) -> { });
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> slot.submit(() -> 2, (v, err) -> { }));
      assertEquals("a request is already in flight", e.getMessage());
    });
  }

  @Test
  void anActionDeferredUntilIdleRunsRightAfterTheRequestsCompletion()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      OffloadSlot slot = OffloadSlot.of(loop);
      slot.submit(() -> {
        release.await(10, TimeUnit.SECONDS);
        return "buffer";
      }, (v, e) -> log.add("completion " + v));
      slot.whenIdle(() -> log.add("close, busy=" + slot.busy()));
      log.add("deferred");
      release.countDown();
    });
    assertEquals(List.of("deferred", "completion buffer", "close, busy=false"), log);
  }

  @Test
  void aHeldSlotRunsTheDeferredActionOnReleaseAndSaysSo() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      OffloadSlot slot = OffloadSlot.of(loop);
      slot.hold();
      assertTrue(slot.release());
      slot.hold();
      slot.whenIdle(() -> log.add("closed"));
      log.add("held");
      assertFalse(slot.release());
    });
    assertEquals(List.of("held", "closed"), log);
  }

  @Test
  void anActionOnAnIdleSlotRunsAtOnce() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      OffloadSlot slot = OffloadSlot.of(loop);
      slot.whenIdle(() -> log.add("closed"));
      log.add("after");
    });
    assertEquals(List.of("closed", "after"), log);
  }

  @Test
  void workRunsOnTheChosenPool() {
    OffloadPool pool = new OffloadPool("chosen", 1);
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      OffloadSlot slot = OffloadSlot.of(loop, pool);
      slot.submit(() -> Thread.currentThread().getName(), (v, e) -> log.add(v));
      loop.offload(pool, () -> Thread.currentThread().getName()).thenAccept(v -> log.add("promise " + v));
    });
    assertEquals(2, log.size());
    assertTrue(log.get(0).startsWith("chosen"), log.get(0));
    assertTrue(log.get(1).startsWith("promise chosen"), log.get(1));
    assertFalse(log.get(0).contains("loopstreams-offload"));
  }
}
