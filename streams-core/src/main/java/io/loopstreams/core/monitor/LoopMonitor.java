package io.loopstreams.core.monitor;

import io.loopstreams.core.EventLoop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * Watches an {@link EventLoop}: how late its timers fire ({@link #delay}, Node's
 * {@code perf_hooks.monitorEventLoopDelay}) and which callback holds it too long
 * ({@link #watchdog}).
 *
 * <pre>{@code
 * try (LoopDelayMonitor delay = LoopMonitor.delay(loop, 10);
 *      LoopWatchdog dog = LoopMonitor.watchdog(loop, Duration.ofMillis(100))) {
 *   delay.enable();
 *   ...
 *   System.out.println(delay.snapshot().percentileNanos(99) / 1e6 + " ms p99 delay");
 * }
 * }</pre>
 *
 * <h2>Stage labels</h2>
 * Code running on a loop can name what it is doing with {@link #setLabel(String)} (a pipeline
 * names the stage whose hook it is calling); a watchdog report carries the label that was set
 * on the loop thread when the loop got stuck. The label is per thread, costs a thread-local
 * lookup and one ordered store, and stays set until replaced: set it on entry and restore the
 * previous one on exit.
 *
 * <h2>Differences from Node</h2>
 * Node's histogram records the interval between two timer ticks (so its minimum is about the
 * resolution); this one records the lag, actual minus scheduled time, which is 0 on an idle loop.
 * Node has no watchdog; its closest tools are {@code --cpu-prof} and the inspector.
 */
public final class LoopMonitor {

  private LoopMonitor() {
  }

  /**
   * A delay histogram for {@code loop}, sampling every {@code resolutionMillis} (Node's default
   * is 10) once {@linkplain LoopDelayMonitor#enable() enabled}. Thread-safe.
   */
  public static LoopDelayMonitor delay(EventLoop loop, long resolutionMillis) {
    return new LoopDelayMonitor(loop, resolutionMillis);
  }

  /** {@link #delay(EventLoop, long)} with Node's default resolution, 10 ms. */
  public static LoopDelayMonitor delay(EventLoop loop) {
    return delay(loop, LoopDelayMonitor.DEFAULT_RESOLUTION_MILLIS);
  }

  /**
   * Starts a watchdog thread that reports, once per callback, a callback holding {@code loop}
   * longer than {@code threshold}. Thread-safe.
   */
  public static LoopWatchdog watchdog(EventLoop loop, Duration threshold, Consumer<BlockedReport> sink) {
    return new LoopWatchdog(loop, threshold, sink).start();
  }

  /** {@link #watchdog(EventLoop, Duration, Consumer)} logging each report as a WARNING. */
  public static LoopWatchdog watchdog(EventLoop loop, Duration threshold) {
    return watchdog(loop, threshold, LoopWatchdog::log);
  }

  /**
   * Names what the calling thread (normally a loop thread) is doing, e.g. the pipeline stage
   * whose hook runs; {@code null} clears it. Returns the previous label, to restore on exit.
   */
  public static String setLabel(String label) {
    LabelCell cell = CURRENT_LABEL.get();
    String previous = cell.label;
    LABEL.setRelease(cell, label);
    return previous;
  }

  /** The calling thread's label, or null. */
  public static String label() {
    return CURRENT_LABEL.get().label;
  }

  /** The label last set on {@code thread}, or null; readable from any thread. */
  static String labelOf(Thread thread) {
    LabelCell cell;
    synchronized (CELLS) {
      cell = CELLS.get(thread);
    }
    return cell == null ? null : (String) LABEL.getAcquire(cell);
  }

  // ---------------------------------------------------------------------------------------------

  /** One thread's label: written by that thread, read by watchdogs. */
  private static final class LabelCell {
    volatile String label;
  }

  private static final VarHandle LABEL;
  /** Cells by thread, so a watchdog can find its loop thread's; weak so dead threads go. */
  private static final Map<Thread, LabelCell> CELLS = Collections.synchronizedMap(new WeakHashMap<>());
  private static final ThreadLocal<LabelCell> CURRENT_LABEL = ThreadLocal.withInitial(() -> {
    LabelCell cell = new LabelCell();
    CELLS.put(Thread.currentThread(), cell);
    return cell;
  });

  static {
    try {
      LABEL = MethodHandles.lookup().findVarHandle(LabelCell.class, "label", String.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
