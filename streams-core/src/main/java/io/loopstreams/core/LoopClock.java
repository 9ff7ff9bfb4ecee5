package io.loopstreams.core;

/**
 * Where a loop's time comes from: the one seam that lets {@link VirtualTime} replace the system
 * clock. The loop asks it for "now" at the start of each phase that caches time (libuv's
 * {@code uv_update_time}) and for how long its poll phase may wait. Chosen when the loop is
 * created; loop thread only.
 */
interface LoopClock {

  /** The system clock: {@link System#nanoTime()}, and a poll that waits until the next timer. */
  LoopClock SYSTEM = new LoopClock() {
    @Override
    public long now(long current, boolean hasTimer, long nextDue) {
      return System.nanoTime();
    }

    @Override
    public long pollTimeout(boolean hasTimer, long nextDue) {
      return hasTimer ? Math.max(0, nextDue - System.nanoTime()) : -1;
    }
  };

  /**
   * The time for the phase about to run, in nanoseconds.
   *
   * @param current the loop's cached time so far
   * @param hasTimer whether a timer is scheduled
   * @param nextDue the earliest timer's due time (when {@code hasTimer})
   */
  long now(long current, boolean hasTimer, long nextDue);

  /** How long the poll phase may wait with nothing else to do: 0 not at all, -1 until woken, else ns. */
  long pollTimeout(boolean hasTimer, long nextDue);
}
