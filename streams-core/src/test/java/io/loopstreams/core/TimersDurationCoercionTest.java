package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Delay coercion of {@code setTimeout}/{@code setInterval}. Re-expresses Node's
 * {@code test/parallel/test-timers-max-duration-warning.js} and
 * {@code test-timers-nan-duration-warning.js}: a delay outside 1..2^31-1 ms becomes 1 ms, and a
 * too-large one logs "does not fit into a 32-bit signed integer".
 */
class TimersDurationCoercionTest {

  @Test
  void zeroNegativeAndTooLargeDelaysBecomeOneMillisecond() {
    List<Long> delays = new ArrayList<>();
    EventLoop.run(loop -> {
      for (long d : new long[] {0, -1, Long.MIN_VALUE, 1L << 31, Long.MAX_VALUE}) {
        delays.add(loop.setTimeout(() -> { }, d).delayMillis());
        delays.add(loop.setInterval(() -> { }, d).unref().delayMillis());
      }
    });
    assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L), delays);
  }

  @Test
  void delaysInRangeAreKept() {
    List<Long> delays = new ArrayList<>();
    EventLoop.run(loop -> {
      delays.add(loop.setTimeout(() -> { }, 1).delayMillis());
      Timeout max = loop.setTimeout(() -> { }, Integer.MAX_VALUE);
      delays.add(max.delayMillis());
      loop.clearTimeout(max);
    });
    assertEquals(List.of(1L, (long) Integer.MAX_VALUE), delays);
  }

  @Test
  void aTooLargeDelayLogsTheOverflowWarning() {
    try (CapturedLog logs = CapturedLog.of(EventLoop.class)) {
      EventLoop.run(loop -> loop.setTimeout(() -> { }, 1L << 31));
      assertEquals(List.of("2147483648 does not fit into a 32-bit signed integer."
          + " Timeout duration was set to 1."), logs.messages(Level.WARNING));
    }
  }

  @Test
  void aCoercedTimeoutRunsInCreationOrderWithOneMillisecondTimers() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.setTimeout(() -> log.add("1 ms"), 1);
      loop.setTimeout(() -> log.add("0 ms"), 0);
      loop.setTimeout(() -> log.add("-5 ms"), -5);
      loop.setTimeout(() -> log.add("2^31 ms"), 1L << 31);
    });
    assertEquals(List.of("1 ms", "0 ms", "-5 ms", "2^31 ms"), log);
  }
}
