package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link VirtualTime} through {@link VirtualTimeExtension}: timers fire in due order at their
 * exact virtual times, microtasks and immediates interleave as on a real loop, and the same
 * schedule gives the same log on the real loop and on the virtual one. The class timeout is far
 * below the hour of virtual time the first test covers.
 */
@ExtendWith(VirtualTimeExtension.class)
@org.junit.jupiter.api.Timeout(20)
class VirtualTimeTest {

  @Test
  void anHourOfOneSecondIntervalsRunsAtOnceAtExactTimes(VirtualTime time) {
    List<Long> at = Collections.synchronizedList(new ArrayList<>());
    time.run(() -> time.loop().setInterval(() -> at.add(time.loop().now()), 1000));
    long start = time.call(() -> time.loop().now());
    time.advance(Duration.ofHours(1));
    assertEquals(3600, at.size());
    for (int i = 0; i < 3600; i++) {
      assertEquals(start + (i + 1) * 1000L, at.get(i));
    }
    assertEquals(3_600_000L, time.nowMillis());
  }

  @Test
  void aTimerFiresOnlyOnceItsWholeDelayHasPassed(VirtualTime time) {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    time.run(() -> time.loop().setTimeout(() -> log.add("fired"), 100));
    time.advance(Duration.ofMillis(99));
    assertEquals(List.of(), log);
    time.advance(Duration.ofMillis(1));
    assertEquals(List.of("fired"), log);
  }

  @Test
  void microtasksDrainBetweenTimersDueTogether(VirtualTime time) {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    time.run(() -> {
      EventLoop loop = time.loop();
      loop.setTimeout(() -> {
        log.add("timeout 1");
        Promise.resolved(loop, 1).thenAccept(v -> log.add("promise 1"));
        loop.nextTick(() -> log.add("tick 1"));
      }, 5);
      loop.setTimeout(() -> log.add("timeout 2"), 5);
    });
    time.advance(Duration.ofMillis(5));
    assertEquals(List.of("timeout 1", "tick 1", "promise 1", "timeout 2"), log);
  }

  @Test
  void timersCreatedByCallbacksFireWithinTheSameAdvanceWhenDue(VirtualTime time) {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    time.run(() -> {
      EventLoop loop = time.loop();
      loop.setTimeout(() -> {
        log.add("a@" + loop.now());
        loop.setTimeout(() -> log.add("b@" + loop.now()), 30);
        loop.setImmediate(() -> log.add("immediate@" + loop.now()));
      }, 10);
      loop.setTimeout(() -> log.add("c@" + loop.now()), 35);
    });
    long t0 = time.call(() -> time.loop().now());
    time.advance(Duration.ofMillis(100));
    assertEquals(List.of("a@" + (t0 + 10), "immediate@" + (t0 + 10), "c@" + (t0 + 35),
        "b@" + (t0 + 40)), log);
  }

  @Test
  void advanceOnTheLoopThreadFailsClearly(VirtualTime time) {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> time.call(() -> {
          time.advance(Duration.ofMillis(1));
          return null;
        }));
    assertTrue(e.getMessage().contains("loop thread"), e.getMessage());
  }

  /**
   * One schedule of timeouts, an interval, immediates and microtasks, with due times far enough
   * apart that a loaded machine cannot reorder them on the real loop.
   */
  static void schedule(EventLoop loop, List<String> log) {
    loop.setTimeout(() -> {
      log.add("t10");
      loop.nextTick(() -> log.add("tick after t10"));
      loop.setImmediate(() -> log.add("immediate after t10"));
      loop.setTimeout(() -> log.add("t10+40"), 40);
    }, 10);
    loop.setTimeout(() -> log.add("t300"), 300);
    Timeout[] iv = new Timeout[1];
    int[] n = {0};
    iv[0] = loop.setInterval(() -> {
      log.add("interval " + ++n[0]);
      Promise.resolved(loop, n[0]).thenAccept(v -> log.add("promise " + v));
      if (n[0] == 2) {
        loop.clearInterval(iv[0]);
      }
    }, 150);
    loop.setTimeout(() -> log.add("t500"), 500);
  }

  @Test
  void theSameScheduleGivesTheRealLoopsOrder(VirtualTime time) {
    List<String> real = new ArrayList<>();
    EventLoop.run(loop -> schedule(loop, real));
    List<String> virtual = Collections.synchronizedList(new ArrayList<>());
    Consumer<EventLoop> start = loop -> schedule(loop, virtual);
    time.run(() -> start.accept(time.loop()));
    time.advance(Duration.ofSeconds(1));
    assertEquals(List.of("t10", "tick after t10", "immediate after t10", "t10+40", "interval 1",
        "promise 1", "t300", "interval 2", "promise 2", "t500"), real);
    assertEquals(real, virtual);
  }
}
