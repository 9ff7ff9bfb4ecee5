package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order in which timers fire. Re-expresses Node's {@code test/parallel/test-timers-ordering.js},
 * {@code test-timers-next-tick.js} and {@code test-timers-immediate.js}, and the "timers" phase of
 * the doc "The Node.js Event Loop": earlier due time first, equal due times in creation order,
 * microtasks drained between every two timers, and timers created during the phase left for the
 * next one.
 */
public class TimersOrderTest {

  @Test
  void equalDueTimesRunInCreationOrder() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      // 0 is coerced to 1 ms; all are created at the same cached loop time, so all are due together.
      for (int i = 0; i < 10; i++) {
        int n = i;
        loop.setTimeout(() -> log.add("t" + n), i % 2 == 0 ? 1 : 0);
      }
    });
    assertEquals(List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"), log);
  }

  @Test
  @ExtendWith(VirtualTimeExtension.class)
  void earlierDueTimeRunsFirstWhateverTheCreationOrder(VirtualTime time) {
    List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    time.run(() -> {
      EventLoop loop = time.loop();
      loop.setTimeout(() -> log.add("30ms"), 30);
      loop.setTimeout(() -> log.add("20ms"), 20);
      loop.setTimeout(() -> log.add("10ms"), 10);
      loop.setTimeout(() -> log.add("20ms again"), 20);
    });
    time.advance(java.time.Duration.ofMillis(30)); // virtual: no real waiting
    assertEquals(List.of("10ms", "20ms", "20ms again", "30ms"), log);
  }

  @Test
  void microtasksDrainBetweenTwoTimersDueInTheSamePhase() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.setTimeout(() -> {
        log.add("timeout 1");
        Promise.resolved(loop, 1).thenAccept(v -> log.add("promise 1"));
        loop.nextTick(() -> log.add("tick 1"));
      }, 5);
      loop.setTimeout(() -> {
        log.add("timeout 2");
        loop.nextTick(() -> log.add("tick 2"));
      }, 5);
    });
    assertEquals(List.of("timeout 1", "tick 1", "promise 1", "timeout 2", "tick 2"), log);
  }

  @Test
  void timerCreatedInsideATimerCallbackWaitsForTheNextTimersPhase() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.setTimeout(() -> {
        log.add("t1");
        loop.setTimeout(() -> log.add("t3 (created in t1)"), 1);
        loop.setImmediate(() -> log.add("immediate (created in t1)"));
        spin(3); // t3 is overdue by wall clock, yet belongs to the next timers phase
      }, 1);
      loop.setTimeout(() -> log.add("t2"), 1);
    });
    assertEquals(List.of("t1", "t2", "immediate (created in t1)", "t3 (created in t1)"), log);
  }

  @Test
  void insideATimerCallbackSetImmediateFiresBeforeSetTimeoutZero() {
    for (int run = 0; run < 50; run++) {
      List<String> log = new ArrayList<>();
      EventLoop.run(loop -> loop.setTimeout(() -> {
        loop.setTimeout(() -> log.add("timeout"), 0);
        loop.setImmediate(() -> log.add("immediate"));
      }, 1));
      assertEquals(List.of("immediate", "timeout"), log, "run " + run);
    }
  }

  @Test
  void nowIsCachedForTheWholeCallback() {
    List<Long> times = new ArrayList<>();
    EventLoop.run(loop -> loop.setTimeout(() -> {
      times.add(loop.now());
      spin(3);
      times.add(loop.now());
    }, 1));
    assertEquals(times.get(0), times.get(1));
  }

  /** Blocks the loop on purpose. */
  public static void spin(long millis) {
    long end = System.nanoTime() + millis * 1_000_000L;
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }
}
