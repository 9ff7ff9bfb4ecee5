package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code setImmediate} and the check phase. Re-expresses Node's
 * {@code test/parallel/test-timers-immediate.js}, {@code test-timers-immediate-queue.js},
 * {@code test-timers-clearImmediate.js} and doc/api/timers.md § {@code setImmediate}: FIFO, a
 * snapshot per check phase (immediates queued meanwhile wait for the next iteration), cleared
 * ones never run.
 */
@org.junit.jupiter.api.Timeout(10)
class ImmediateTest {

  @Test
  void immediatesRunInTheOrderTheyWereQueued() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      for (int i = 1; i <= 5; i++) {
        int n = i;
        loop.setImmediate(() -> log.add("immediate " + n));
      }
    });
    assertEquals(List.of("immediate 1", "immediate 2", "immediate 3", "immediate 4", "immediate 5"), log);
  }

  @Test
  void immediatesQueuedDuringTheCheckPhaseRunInTheNextIteration() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.setImmediate(() -> {
        log.add("immediate 1");
        loop.setImmediate(() -> log.add("immediate 3 (queued by 1)"));
        loop.scheduleClose(() -> log.add("close phase, same iteration"));
        loop.execute(() -> log.add("poll phase, next iteration"));
      });
      loop.setImmediate(() -> log.add("immediate 2"));
    });
    // Had "immediate 3" joined the running batch it would come before the close and poll phases.
    assertEquals(List.of("immediate 1", "immediate 2", "close phase, same iteration",
        "poll phase, next iteration", "immediate 3 (queued by 1)"), log);
  }

  @Test
  void anImmediateClearedByAnEarlierOnesNextTickDoesNotRun() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Immediate[] second = new Immediate[1];
      loop.setImmediate(() -> {
        log.add("first");
        loop.nextTick(() -> loop.clearImmediate(second[0]));
      });
      second[0] = loop.setImmediate(() -> log.add("second"));
      loop.setImmediate(() -> log.add("third"));
    });
    assertEquals(List.of("first", "third"), log);
  }

  @Test
  void aClearedImmediateReleasesItsHoldOnTheLoop() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Immediate im = loop.setImmediate(() -> log.add("immediate"));
      assertTrue(im.isActive());
      im.close();
      assertFalse(im.isActive());
      loop.clearImmediate(im);
    });
    assertEquals(List.of(), log);
  }

  @Test
  void remainingImmediatesRunAfterAThrowingOneIsHandled() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.onUncaughtException((e, origin) -> log.add("uncaught " + e.getMessage()));
      loop.setImmediate(() -> {
        log.add("immediate 1");
        throw new IllegalStateException("boom");
      });
      loop.setImmediate(() -> log.add("immediate 2"));
    });
    assertEquals(List.of("immediate 1", "uncaught boom", "immediate 2"), log);
  }

  @Test
  void anImmediateIsInactiveOnceItRan() {
    List<Boolean> active = new ArrayList<>();
    EventLoop.run(loop -> {
      Immediate[] im = new Immediate[1];
      im[0] = loop.setImmediate(() -> loop.setImmediate(() -> active.add(im[0].isActive())));
    });
    assertEquals(List.of(false), active);
  }
}
