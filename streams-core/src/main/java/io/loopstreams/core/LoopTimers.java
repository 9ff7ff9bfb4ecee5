package io.loopstreams.core;

import io.loopstreams.core.internal.LazyLogger;
import io.loopstreams.core.internal.TimerHeap;

/**
 * The loop's timers: a binary heap keyed by (due time, sequence number), which gives Node's
 * order: earlier due first, equal due times in creation order. Due times are {@link
 * System#nanoTime()} values. Loop thread only.
 */
final class LoopTimers {

  private static final LazyLogger LOG = new LazyLogger(EventLoop.class.getName());
  private static final long MAX_DELAY = Integer.MAX_VALUE;

  private final TimerHeap<Timeout> heap = new TimerHeap<>(new Access());
  private long seq;

  /** Node's delay coercion: outside 1..2^31-1 ms becomes 1 ms (with a warning when too large). */
  static long coerceDelay(long delayMillis) {
    if (delayMillis >= 1 && delayMillis <= MAX_DELAY) {
      return delayMillis;
    }
    if (delayMillis > MAX_DELAY) {
      LOG.log(System.Logger.Level.WARNING, delayMillis
          + " does not fit into a 32-bit signed integer. Timeout duration was set to 1.");
    }
    return 1;
  }

  /** Arms {@code t} to fire its delay after {@code startNanos}. */
  void schedule(Timeout t, long startNanos) {
    t.dueNanos = startNanos + t.delayNanos;
    t.seq = seq++;
    heap.add(t);
    t.arm();
  }

  void remove(Timeout t) {
    heap.remove(t);
  }

  /** The timer due first, or null. */
  Timeout peek() {
    return heap.peek();
  }

  /**
   * Takes the first timer due at {@code now}, or returns null. An interval is rescheduled before
   * its callback runs, so that it survives a throw (clearInterval inside the callback removes it
   * again); next due = this run's start + interval: no catch-up burst.
   */
  Timeout pollDue(long now) {
    Timeout t = heap.peek();
    if (t == null || t.dueNanos - now > 0) {
      return null;
    }
    heap.poll();
    if (t.repeat) {
      schedule(t, now);
    } else {
      t.disarm();
    }
    return t;
  }

  private static final class Access implements TimerHeap.Accessor<Timeout> {
    @Override
    public long due(Timeout t) {
      return t.dueNanos;
    }

    @Override
    public long seq(Timeout t) {
      return t.seq;
    }

    @Override
    public int index(Timeout t) {
      return t.heapIndex;
    }

    @Override
    public void index(Timeout t, int index) {
      t.heapIndex = index;
    }
  }
}
