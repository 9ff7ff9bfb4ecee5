package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clearing timers from inside callbacks. Re-expresses Node's
 * {@code test/parallel/test-timers-clear-timeout-interval-equivalent.js},
 * {@code test-timers-clear-null-does-not-throw-error.js},
 * {@code test-timers-same-timeout-wrong-list-deleted.js} and doc/api/timers.md
 * § "Cancelling timers".
 */
@org.junit.jupiter.api.Timeout(10)
class TimersClearInCallbackTest {

  @Test
  void clearingALaterTimerOfTheSameBatchStopsIt() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout[] second = new Timeout[1];
      loop.setTimeout(() -> {
        log.add("first");
        loop.clearTimeout(second[0]);
      }, 5);
      second[0] = loop.setTimeout(() -> log.add("second"), 5);
      loop.setTimeout(() -> log.add("third"), 5);
    });
    assertEquals(List.of("first", "third"), log);
  }

  @Test
  void clearingALaterTimerFromANextTickOfAnEarlierOneStopsIt() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout[] second = new Timeout[1];
      loop.setTimeout(() -> {
        log.add("first");
        loop.nextTick(() -> loop.clearTimeout(second[0]));
      }, 5);
      second[0] = loop.setTimeout(() -> log.add("second"), 5);
    });
    assertEquals(List.of("first"), log);
  }

  @Test
  void clearIntervalInsideItsCallbackStopsIt() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout[] iv = new Timeout[1];
      int[] n = {0};
      iv[0] = loop.setInterval(() -> {
        log.add("tick " + ++n[0]);
        if (n[0] == 3) {
          loop.clearInterval(iv[0]);
        }
      }, 1);
    });
    assertEquals(List.of("tick 1", "tick 2", "tick 3"), log);
  }

  @Test
  void clearTimeoutAndClearIntervalAreInterchangeable() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout iv = loop.setInterval(() -> log.add("interval"), 1);
      Timeout t = loop.setTimeout(() -> log.add("timeout"), 1);
      loop.clearTimeout(iv);
      loop.clearInterval(t);
    });
    assertEquals(List.of(), log);
  }

  @Test
  void clearingATimerReleasesItsHoldOnTheLoop() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout hour = loop.setTimeout(() -> log.add("an hour later"), 3_600_000);
      loop.setTimeout(() -> loop.clearTimeout(hour), 1);
    });
    assertEquals(List.of(), log);
  }

  @Test
  void clearingNullAFiredOrAClearedTimerIsANoOp() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.clearTimeout(null);
      loop.clearInterval(null);
      loop.clearImmediate(null);
      Timeout t = loop.setTimeout(() -> log.add("fired"), 1);
      loop.setTimeout(() -> {
        assertFalse(t.isActive());
        loop.clearTimeout(t);
        loop.clearTimeout(t);
        log.add("cleared twice");
      }, 2);
    });
    assertEquals(List.of("fired", "cleared twice"), log);
  }

  @Test
  void aTimerClearingItselfInItsCallbackRunsToTheEnd() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout[] self = new Timeout[1];
      self[0] = loop.setTimeout(() -> {
        loop.clearTimeout(self[0]);
        log.add("still running");
      }, 1);
    });
    assertEquals(List.of("still running"), log);
  }

  @Test
  void closeOnATimeoutClearsIt() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout t = loop.setTimeout(() -> log.add("fired"), 1);
      t.close();
      assertFalse(t.isActive());
    });
    assertEquals(List.of(), log);
  }
}
