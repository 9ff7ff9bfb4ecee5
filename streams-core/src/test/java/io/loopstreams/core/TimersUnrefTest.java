package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ref()}/{@code unref()} and loop liveness. Re-expresses Node's
 * {@code test/parallel/test-timers-unref.js}, {@code test-timers-unrefed-in-callback.js} and
 * doc/api/timers.md § {@code timeout.unref()}: an unref'd timer does not keep the loop alive, but
 * still fires while something else does. A hang here means a handle kept the loop alive.
 */
@org.junit.jupiter.api.Timeout(10)
class TimersUnrefTest {

  @Test
  void anUnrefdTimerDoesNotKeepRunAlive() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> loop.setTimeout(() -> log.add("an hour later"), 3_600_000).unref());
    assertEquals(List.of(), log);
  }

  @Test
  void anUnrefdIntervalDoesNotKeepRunAlive() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> loop.setInterval(() -> log.add("interval"), 3_600_000).unref());
    assertEquals(List.of(), log);
  }

  @Test
  void anUnrefdTimerStillFiresWhileSomethingElseKeepsTheLoopAlive() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.setTimeout(() -> log.add("unref'd 1 ms"), 1).unref();
      loop.setTimeout(() -> log.add("ref'd 30 ms"), 30);
    });
    assertEquals(List.of("unref'd 1 ms", "ref'd 30 ms"), log);
  }

  @Test
  void anUnrefdIntervalKeepsFiringWhileARefdIntervalRuns() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.setInterval(() -> log.add("unref'd"), 1).unref();
      Timeout[] keeper = new Timeout[1];
      // Same delay, created later: always due in the same phase, always right after the other.
      keeper[0] = loop.setInterval(() -> {
        if (log.size() == 3) {
          loop.clearInterval(keeper[0]);
          log.add("ref'd one cleared");
        }
      }, 1);
    });
    assertEquals(List.of("unref'd", "unref'd", "unref'd", "ref'd one cleared"), log);
  }

  @Test
  void unrefInsideTheCallbackLetsTheLoopExit() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout[] iv = new Timeout[1];
      iv[0] = loop.setInterval(() -> {
        log.add("interval");
        iv[0].unref();
      }, 1);
    });
    assertEquals(List.of("interval"), log);
  }

  @Test
  void refAgainKeepsTheLoopAliveUntilItFires() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Timeout t = loop.setTimeout(() -> log.add("fired"), 20).unref();
      assertFalse(t.hasRef());
      assertSame(t, t.ref());
      assertTrue(t.hasRef());
    });
    assertEquals(List.of("fired"), log);
  }

  @Test
  void anUnrefdImmediateAloneDoesNotRun() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> loop.setImmediate(() -> log.add("immediate")).unref());
    assertEquals(List.of(), log);
  }

  @Test
  void anUnrefdImmediateRunsWhenARefdOneKeepsTheLoopAlive() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.setImmediate(() -> log.add("unref'd")).unref();
      loop.setImmediate(() -> log.add("ref'd"));
    });
    assertEquals(List.of("unref'd", "ref'd"), log);
  }
}
