package io.loopstreams.core;

/**
 * A timer created by {@link EventLoop#setTimeout} or {@link EventLoop#setInterval}. Node's
 * {@code Timeout}: it can be cleared, refreshed and unref'd.
 *
 * <p>Timers are ordered by due time, then by creation (a sequence number), which reproduces
 * Node's order: earlier due time first, equal due times in scheduling order.
 */
public final class Timeout extends LoopHandle {

  // immutable
  final Runnable callback;
  final long delayNanos;
  final boolean repeat;

  // loop thread only (maintained by the loop's timer heap)
  long dueNanos;
  long seq;
  int heapIndex = -1;
  /** Cleared by clearTimeout: refresh() no longer revives it (Node's {@code _destroyed}). */
  boolean cleared;

  Timeout(EventLoop loop, Runnable callback, long delayMillis, boolean repeat) {
    super(loop);
    this.callback = callback;
    this.delayNanos = delayMillis * 1_000_000L;
    this.repeat = repeat;
  }

  /** The coerced delay in milliseconds (1 for out-of-range requests, as Node). */
  public long delayMillis() {
    return delayNanos / 1_000_000L;
  }

  /** Whether this is an interval. */
  public boolean isRepeating() {
    return repeat;
  }

  /**
   * Restarts the timer with its original delay from the loop's current time; revives a timer
   * that already fired, but not one that was cleared. Node's {@code timeout.refresh()}.
   */
  public Timeout refresh() {
    loop.refreshTimer(this);
    return this;
  }

  @Override
  public Timeout ref() {
    super.ref();
    return this;
  }

  @Override
  public Timeout unref() {
    super.unref();
    return this;
  }

  /** Same as {@link EventLoop#clearTimeout(Timeout)}. */
  @Override
  public void close() {
    loop.clearTimeout(this);
  }

  void arm() {
    activate();
  }

  void disarm() {
    deactivate();
  }

  @Override
  public String toString() {
    return (repeat ? "Interval[" : "Timeout[") + delayMillis() + "ms, "
        + (isActive() ? "armed" : "idle") + (hasRef() ? "" : ", unref") + "]";
  }
}
