package io.loopstreams.core.monitor;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Timeout;
import io.loopstreams.core.internal.LoopAccess;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * An event-loop delay histogram: Node's {@code perf_hooks.monitorEventLoopDelay({resolution})}.
 * Once enabled, an unref'd interval of {@code resolution} ms on the loop records, at each tick,
 * how late it fired (actual minus scheduled time, in nanoseconds) into an HdrHistogram. A callback
 * that blocks the loop for 100 ms shows up as a sample of about 100 ms.
 *
 * <p>Thread-safe: {@link #enable()}/{@link #disable()} hop onto the loop when called from
 * elsewhere; {@link #snapshot()} and {@link #reset()} may be called from any thread.
 * {@link #close()} is {@link #disable()}.
 */
public final class LoopDelayMonitor implements AutoCloseable {

  private static final LoopAccess LOOP = LoopAccess.get();

  static final long DEFAULT_RESOLUTION_MILLIS = 10;

  /** What the histogram held when {@link #snapshot()} was taken; values in nanoseconds. */
  public record Snapshot(long count, long minNanos, long maxNanos, double meanNanos, double stddevNanos,
      Histogram histogram) {

    /** The value at percentile {@code p} (0..100), in nanoseconds. */
    public long percentileNanos(double p) {
      if (p < 0 || p > 100) {
        throw new IllegalArgumentException("percentile must be in 0..100: " + p);
      }
      return histogram.getValueAtPercentile(p);
    }

    @Override
    public String toString() {
      return String.format("LoopDelay[count=%d, min=%.3fms, mean=%.3fms, p50=%.3fms, p99=%.3fms, max=%.3fms]",
          count, minNanos / 1e6, meanNanos / 1e6, percentileNanos(50) / 1e6, percentileNanos(99) / 1e6,
          maxNanos / 1e6);
    }
  }

  // immutable
  private final EventLoop loop;
  private final long resolutionMillis;

  // any thread
  private final AtomicBoolean enabled = new AtomicBoolean();
  /** Guarded by itself. Auto-resizing, 3 significant digits, as Node's. */
  private final Histogram histogram = new Histogram(3);

  // loop thread only
  private Timeout timer;
  private long expectedNanos;

  LoopDelayMonitor(EventLoop loop, long resolutionMillis) {
    if (resolutionMillis < 1) {
      throw new IllegalArgumentException("resolution must be >= 1 ms: " + resolutionMillis);
    }
    this.loop = Objects.requireNonNull(loop, "loop");
    this.resolutionMillis = resolutionMillis;
  }

  /** Starts sampling; false if already enabled. */
  public boolean enable() {
    if (!enabled.compareAndSet(false, true)) {
      return false;
    }
    onLoop(this::startTimer);
    return true;
  }

  /** Stops sampling, keeping what was recorded; false if not enabled. */
  public boolean disable() {
    if (!enabled.compareAndSet(true, false)) {
      return false;
    }
    onLoop(this::stopTimer);
    return true;
  }

  /** Whether sampling is on. */
  public boolean isEnabled() {
    return enabled.get();
  }

  /** The sampling interval in milliseconds. */
  public long resolutionMillis() {
    return resolutionMillis;
  }

  /** A copy of what was recorded so far. */
  public Snapshot snapshot() {
    Histogram copy;
    synchronized (histogram) {
      copy = histogram.copy();
    }
    long count = copy.getTotalCount();
    return new Snapshot(count, copy.getMinValue(), copy.getMaxValue(), count == 0 ? 0 : copy.getMean(),
        count == 0 ? 0 : copy.getStdDeviation(), copy);
  }

  /** Forgets what was recorded. */
  public void reset() {
    synchronized (histogram) {
      histogram.reset();
    }
  }

  @Override
  public void close() {
    disable();
  }

  private void onLoop(Runnable action) {
    if (loop.inLoop()) {
      action.run();
    } else {
      loop.execute(action);
    }
  }

  private void startTimer() {
    if (!enabled.get() || timer != null) {
      return; // disabled again before this hop arrived, or already running
    }
    timer = loop.setInterval(this::tick, resolutionMillis).unref();
    expectedNanos = LOOP.dueNanos(timer);
  }

  private void stopTimer() {
    if (timer != null && !enabled.get()) {
      loop.clearInterval(timer);
      timer = null;
    }
  }

  private void tick() {
    long lag = Math.max(0, System.nanoTime() - expectedNanos);
    // The interval was rescheduled before this callback: its due time is the next expected one.
    expectedNanos = LOOP.dueNanos(timer);
    synchronized (histogram) {
      histogram.recordValue(lag);
    }
  }
}
