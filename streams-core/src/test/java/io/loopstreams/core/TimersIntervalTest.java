package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code setInterval}. Re-expresses Node's {@code test/parallel/test-timers-interval-throw.js} and
 * doc/api/timers.md § {@code setInterval}: an interval is rescheduled even when its callback
 * throws, and a late interval does not catch up with a burst of calls.
 */
@org.junit.jupiter.api.Timeout(10)
class TimersIntervalTest {

  @Test
  void intervalKeepsRunningAfterItsCallbackThrows() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.onUncaughtException((e, origin) -> log.add("uncaught " + e.getMessage()));
      Timeout[] iv = new Timeout[1];
      int[] n = {0};
      iv[0] = loop.setInterval(() -> {
        log.add("run " + ++n[0]);
        if (n[0] == 3) {
          loop.clearInterval(iv[0]);
        }
        throw new IllegalStateException("boom " + n[0]);
      }, 1);
    });
    assertEquals(List.of("run 1", "uncaught boom 1", "run 2", "uncaught boom 2", "run 3",
        "uncaught boom 3"), log);
  }

  @Test
  void aBlockedIntervalFiresOnceLateThenResumesItsCadence() {
    List<Long> starts = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout[] iv = new Timeout[1];
      iv[0] = loop.setInterval(() -> {
        starts.add(System.nanoTime());
        if (starts.size() == 1) {
          TimersOrderTest.spin(50); // five periods missed
        }
        if (starts.size() == 3) {
          loop.clearInterval(iv[0]);
        }
      }, 10);
    });
    assertEquals(3, starts.size());
    // No catch-up burst: the call after the block is one period after the previous call started.
    long gapAfterLateCall = starts.get(2) - starts.get(1);
    assertTrue(gapAfterLateCall >= 9_000_000L, "gap " + gapAfterLateCall + " ns");
  }

  @Test
  void anIntervalIsATimeoutThatRepeats() {
    EventLoop.run(loop -> {
      Timeout iv = loop.setInterval(() -> { }, 5);
      Timeout t = loop.setTimeout(() -> { }, 5);
      assertTrue(iv.isRepeating());
      assertEquals(false, t.isRepeating());
      assertEquals(5, iv.delayMillis());
      loop.clearInterval(iv);
    });
  }
}
