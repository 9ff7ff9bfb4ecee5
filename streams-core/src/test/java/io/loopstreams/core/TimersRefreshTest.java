package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code timeout.refresh()}. Re-expresses Node's {@code test/parallel/test-timers-refresh.js} and
 * doc/api/timers.md § {@code timeout.refresh()}: the timer restarts from the loop's current time
 * with its original delay (behind timers already due at that time), a fired timeout is revived,
 * a cleared one is not.
 */
@org.junit.jupiter.api.Timeout(10)
class TimersRefreshTest {

  @Test
  void refreshMovesATimerBehindTimersWithTheSameDueTime() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout a = loop.setTimeout(() -> log.add("a"), 5);
      loop.setTimeout(() -> log.add("b"), 5);
      assertSame(a, a.refresh());
    });
    assertEquals(List.of("b", "a"), log);
  }

  @Test
  void refreshInsideItsOwnCallbackRevivesAFiredTimeout() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout[] t = new Timeout[1];
      int[] n = {0};
      t[0] = loop.setTimeout(() -> {
        log.add("run " + ++n[0]);
        if (n[0] < 3) {
          t[0].refresh();
        }
      }, 1);
    });
    assertEquals(List.of("run 1", "run 2", "run 3"), log);
  }

  @Test
  void refreshAfterClearTimeoutDoesNotReviveIt() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout t = loop.setTimeout(() -> log.add("fired"), 1);
      loop.clearTimeout(t);
      t.refresh();
      assertFalse(t.isActive());
    });
    assertEquals(List.of(), log);
  }

  @Test
  void refreshPostponesTheTimerFromTheCurrentLoopTime() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      long start = System.nanoTime();
      Timeout t = loop.setTimeout(() -> log.add("fired >= 45 ms after start: "
          + (System.nanoTime() - start >= 45_000_000L)), 30);
      loop.setTimeout(() -> {
        t.refresh();
        log.add("refreshed");
      }, 20);
    });
    // Due 30 ms after the refresh (loop time >= 20 ms) instead of 30 ms after the start.
    assertEquals(List.of("refreshed", "fired >= 45 ms after start: true"), log);
  }

  @Test
  void refreshKeepsAnUnrefdTimerUnrefd() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout t = loop.setTimeout(() -> log.add("fired"), 3_600_000).unref();
      t.refresh();
      assertFalse(t.hasRef());
    });
    assertEquals(List.of(), log);
  }
}
