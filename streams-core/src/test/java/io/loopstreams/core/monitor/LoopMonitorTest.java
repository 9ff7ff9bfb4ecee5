package io.loopstreams.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.CapturedLog;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.TimersOrderTest;
import io.loopstreams.core.internal.LoopAccess;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * The loop monitor: an event-loop delay histogram (Node's
 * {@code perf_hooks.monitorEventLoopDelay}, {@code test/sequential/test-performance-eventloopdelay.js})
 * and a watchdog that reports a callback holding the loop. Blocking callbacks here block on
 * purpose (a busy wait), which is what the monitor must see.
 */
@org.junit.jupiter.api.Timeout(30)
class LoopMonitorTest {

  private static boolean hasFrame(BlockedReport r, String className, String methodName) {
    return Arrays.stream(r.stack()).anyMatch(
        e -> e.getClassName().equals(className) && e.getMethodName().equals(methodName));
  }

  /** The reports of one callback, identified by the loop's callback number. */
  private static List<BlockedReport> reportsOf(List<BlockedReport> reports, long callback) {
    return reports.stream().filter(r -> r.callback() == callback).toList();
  }

  /** Schedules a callback that records its number and then blocks the loop on purpose. */
  private static void blockingTimer(EventLoop loop, long[] number, String label, long millis) {
    loop.setTimeout(() -> {
      number[0] = LoopAccess.get().callbacksStarted(loop);
      String previous = label == null ? null : LoopMonitor.setLabel(label);
      try {
        TimersOrderTest.spin(millis);
      } finally {
        if (label != null) {
          LoopMonitor.setLabel(previous);
        }
      }
    }, 1);
  }

  @Test
  void watchdogReportsA200msBlockingCallbackOnceWithTheLoopThreadsStack() {
    List<BlockedReport> reports = new CopyOnWriteArrayList<>();
    LoopWatchdog[] dog = new LoopWatchdog[1];
    long[] blocker = {-1};
    EventLoop.run(loop -> {
      dog[0] = LoopMonitor.watchdog(loop, Duration.ofMillis(50), reports::add);
      blockingTimer(loop, blocker, null, 200);
    });
    dog[0].close();
    List<BlockedReport> blocked = reportsOf(reports, blocker[0]);
    assertEquals(1, blocked.size(), "reports: " + reports);
    BlockedReport r = blocked.get(0);
    // run() ran the loop on this thread, so the stack reaches down to this test method.
    assertTrue(hasFrame(r, LoopMonitorTest.class.getName(),
        "watchdogReportsA200msBlockingCallbackOnceWithTheLoopThreadsStack"), r.toString());
    assertTrue(r.blockedFor().toMillis() >= 50, r.toString());
    assertEquals(Duration.ofMillis(50), r.threshold());
    assertEquals(Thread.currentThread().getName(), r.threadName());
    assertNull(r.label());
  }

  @Test
  void watchdogReportsEachStuckCallbackOnce() {
    List<BlockedReport> reports = new CopyOnWriteArrayList<>();
    LoopWatchdog[] dog = new LoopWatchdog[1];
    long[] first = {-1};
    long[] second = {-1};
    EventLoop.run(loop -> {
      dog[0] = LoopMonitor.watchdog(loop, Duration.ofMillis(40), reports::add);
      blockingTimer(loop, first, null, 200);
      blockingTimer(loop, second, null, 200);
    });
    dog[0].close();
    assertEquals(1, reportsOf(reports, first[0]).size(), "reports: " + reports);
    assertEquals(1, reportsOf(reports, second[0]).size(), "reports: " + reports);
  }

  @Test
  void theReportCarriesTheLabelSetOnTheLoop() {
    List<BlockedReport> reports = new CopyOnWriteArrayList<>();
    LoopWatchdog[] dog = new LoopWatchdog[1];
    long[] blocker = {-1};
    EventLoop.run(loop -> {
      dog[0] = LoopMonitor.watchdog(loop, Duration.ofMillis(40), reports::add);
      blockingTimer(loop, blocker, "gzip", 200);
    });
    dog[0].close();
    List<BlockedReport> blocked = reportsOf(reports, blocker[0]);
    assertEquals(1, blocked.size(), "reports: " + reports);
    assertEquals("gzip", blocked.get(0).label());
    assertTrue(blocked.get(0).toString().contains(") in 'gzip'\n\tat "), blocked.get(0).toString());
  }

  @Test
  void aLoopWaitingForATimerIsNotReported() {
    List<BlockedReport> reports = new CopyOnWriteArrayList<>();
    LoopWatchdog[] dog = new LoopWatchdog[1];
    EventLoop.run(loop -> {
      dog[0] = LoopMonitor.watchdog(loop, Duration.ofMillis(100), reports::add);
      loop.setTimeout(() -> { }, 300);
    });
    dog[0].close();
    assertEquals(List.of(), reports);
  }

  @Test
  void manyShortCallbacksAreNotReported() {
    List<BlockedReport> reports = new CopyOnWriteArrayList<>();
    LoopWatchdog[] dog = new LoopWatchdog[1];
    EventLoop.run(loop -> {
      dog[0] = LoopMonitor.watchdog(loop, Duration.ofMillis(100), reports::add);
      int[] n = {0};
      Runnable step = new Runnable() {
        @Override
        public void run() {
          TimersOrderTest.spin(2);
          if (++n[0] < 150) {
            loop.setImmediate(this);
          }
        }
      };
      loop.setImmediate(step);
    });
    dog[0].close();
    assertEquals(List.of(), reports);
  }

  @Test
  void theWatchdogStopsWithItsLoop() {
    List<BlockedReport> reports = new CopyOnWriteArrayList<>();
    LoopWatchdog[] dog = new LoopWatchdog[1];
    EventLoop.run(loop -> dog[0] = LoopMonitor.watchdog(loop, Duration.ofMillis(20), reports::add));
    // This thread was the loop thread: busy now, but the loop has terminated.
    TimersOrderTest.spin(100);
    dog[0].close();
    assertEquals(List.of(), reports);
  }

  @Test
  void theDefaultSinkLogsAWarningWithTheStack() {
    try (CapturedLog logs = CapturedLog.of(LoopWatchdog.class)) {
      LoopWatchdog[] dog = new LoopWatchdog[1];
      EventLoop.run(loop -> {
        dog[0] = LoopMonitor.watchdog(loop, Duration.ofMillis(30));
        blockingTimer(loop, new long[1], "default sink", 150);
      });
      dog[0].close();
      List<String> warnings = logs.messages(Level.WARNING).stream()
          .filter(m -> m.contains(" in 'default sink'")).toList();
      assertEquals(1, warnings.size(), "warnings: " + logs.messages(Level.WARNING));
      assertTrue(warnings.get(0).startsWith("Event loop "), warnings.get(0));
      assertTrue(warnings.get(0).contains("by one callback (threshold 30 ms) in 'default sink'\n\tat "),
          warnings.get(0));
    }
  }

  @Test
  void watchdogRejectsANonPositiveThreshold() {
    EventLoop loop = EventLoop.create();
    assertThrows(IllegalArgumentException.class, () -> LoopMonitor.watchdog(loop, Duration.ZERO, r -> { }));
  }

  @Test
  void delayHistogramRecordsA100msBlock() {
    LoopDelayMonitor[] monitor = new LoopDelayMonitor[1];
    EventLoop.run(loop -> {
      monitor[0] = LoopMonitor.delay(loop, 10);
      assertTrue(monitor[0].enable());
      assertFalse(monitor[0].enable(), "already enabled");
      loop.setTimeout(() -> TimersOrderTest.spin(100), 20);
      loop.setTimeout(() -> { }, 160); // the monitor's interval is unref'd: keep the loop alive
    });
    LoopDelayMonitor.Snapshot s = monitor[0].snapshot();
    assertTrue(s.count() > 0, s.toString());
    assertTrue(s.maxNanos() >= 90_000_000L, s.toString());
    assertTrue(s.minNanos() >= 0 && s.minNanos() <= s.maxNanos(), s.toString());
    assertTrue(s.meanNanos() <= s.maxNanos(), s.toString());
    assertEquals(s.histogram().highestEquivalentValue(s.maxNanos()),
        s.histogram().highestEquivalentValue(s.percentileNanos(100)));
    assertThrows(IllegalArgumentException.class, () -> s.percentileNanos(101));
    monitor[0].reset();
    assertEquals(0, monitor[0].snapshot().count());
  }

  @Test
  void theDelayMonitorsIntervalDoesNotKeepTheLoopAlive() {
    LoopDelayMonitor[] monitor = new LoopDelayMonitor[1];
    EventLoop.run(loop -> {
      monitor[0] = LoopMonitor.delay(loop);
      monitor[0].enable();
    });
    assertEquals(10, monitor[0].resolutionMillis());
    assertTrue(monitor[0].isEnabled());
  }

  @Test
  void disableStopsRecording() {
    LoopDelayMonitor[] monitor = new LoopDelayMonitor[1];
    long[] countAtDisable = new long[1];
    EventLoop.run(loop -> {
      monitor[0] = LoopMonitor.delay(loop, 1);
      monitor[0].enable();
      loop.setTimeout(() -> {
        assertTrue(monitor[0].disable());
        assertFalse(monitor[0].disable());
        countAtDisable[0] = monitor[0].snapshot().count();
      }, 30);
      loop.setTimeout(() -> { }, 60);
    });
    assertTrue(countAtDisable[0] > 0);
    assertEquals(countAtDisable[0], monitor[0].snapshot().count());
  }

  @Test
  void aStartedLoopCanBeMonitoredFromAnotherThread() throws Exception {
    EventLoop loop = EventLoop.create("monitored").start();
    try (LoopDelayMonitor monitor = LoopMonitor.delay(loop, 1)) {
      monitor.enable(); // hops onto the loop
      CompletableFuture<Void> later = new CompletableFuture<>();
      loop.execute(() -> loop.setTimeout(() -> later.complete(null), 30));
      later.get(5, TimeUnit.SECONDS);
      assertTrue(monitor.snapshot().count() > 0);
    } finally {
      loop.close();
    }
  }

  @Test
  void labelsArePerThreadAndReadableFromOtherThreads() throws Exception {
    assertNull(LoopMonitor.setLabel("stage a"));
    try {
      assertEquals("stage a", LoopMonitor.label());
      Thread me = Thread.currentThread();
      CompletableFuture<String> seen = new CompletableFuture<>();
      Thread other = new Thread(() -> {
        seen.complete(LoopMonitor.labelOf(me) + " / own: " + LoopMonitor.label());
      });
      other.start();
      other.join();
      assertEquals("stage a / own: null", seen.get());
      assertEquals("stage a", LoopMonitor.setLabel("stage b"));
    } finally {
      LoopMonitor.setLabel(null);
    }
    assertNull(LoopMonitor.label());
  }
}
