package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recursive microtasks starve the loop; recursive immediates do not. Re-expresses Node's
 * {@code test/parallel/test-next-tick-intentional-starvation.js} and doc/api/process.md
 * § {@code process.nextTick}: "the event loop is starved while the queue is not empty". Bounded:
 * the recursion stops after {@value #N} ticks.
 */
@org.junit.jupiter.api.Timeout(30)
class NextTickStarvationTest {

  private static final int N = 10_000;

  @Test
  void aRecursiveNextTickStarvesADueTimerUntilItStops() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.setTimeout(() -> log.add("timer"), 1);
      int[] n = {0};
      Runnable tick = new Runnable() {
        @Override
        public void run() {
          if (n[0] == 0) {
            TimersOrderTest.spin(3); // the timer is overdue from here on
          }
          log.add("tick");
          if (++n[0] < N) {
            loop.nextTick(this);
          }
        }
      };
      loop.nextTick(tick);
    });
    assertEquals(N + 1, log.size());
    assertEquals(N, log.indexOf("timer"), "the timer ran only after all ticks");
  }

  @Test
  void aRecursivePromiseChainStarvesADueTimerToo() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.setTimeout(() -> log.add("timer"), 1);
      TimersOrderTest.spin(3);
      step(loop, 0, log);
    });
    assertEquals(N + 1, log.size());
    assertEquals(N, log.indexOf("timer"));
  }

  private static void step(EventLoop loop, int i, List<String> log) {
    Promise.resolved(loop, i).thenAccept(v -> {
      log.add("job");
      if (v + 1 < N) {
        step(loop, v + 1, log);
      }
    });
  }

  @Test
  void recursiveImmediatesLetTimersRun() {
    List<String> log = new ArrayList<>();
    int[] immediates = {0};
    EventLoop.run(loop -> {
      boolean[] fired = {false};
      loop.setTimeout(() -> {
        fired[0] = true;
        log.add("timer");
      }, 1);
      Runnable next = new Runnable() {
        @Override
        public void run() {
          immediates[0]++;
          if (!fired[0] && immediates[0] < 10_000_000) {
            loop.setImmediate(this);
          } else {
            log.add("chain stopped");
          }
        }
      };
      loop.setImmediate(next);
    });
    assertEquals(List.of("timer", "chain stopped"), log);
    assertTrue(immediates[0] < 10_000_000, "the timer interrupted the chain");
  }
}
