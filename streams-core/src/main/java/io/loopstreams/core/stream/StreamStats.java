package io.loopstreams.core.stream;

/**
 * A stream's loop-confined counters. Plain fields: only the loop thread writes them, and the
 * snapshot is taken on the loop. Backpressure time is accumulated on the full → drained
 * transitions only, so the per-chunk cost is two additions.
 *
 * <p>{@code System.nanoTime()} costs 25-50 ns on common VMs, as much as a whole stage hop, so
 * the per-chunk paths avoid it: hook time is sampled (object streams 1 call in 1024, byte streams
 * 1 in 64, scaled by calls / samples), and backpressure intervals are measured with the loop's cached time (updated
 * once per loop iteration), so they count the stalls that span loop iterations, which are the
 * ones that matter for "where is my pipeline stuck?".
 */
final class StreamStats {
  long chunksIn;
  long bytesIn;
  long chunksOut;
  long bytesOut;
  long blockedNanos;
  long blockedSince = -1;
  private long hookCalls;
  private long hookSamples;
  private long hookSampledNanos;

  /**
   * Starts timing a user hook. Object streams time one call in 1024, byte streams one in 64 (the
   * first call included), so a pipeline does not pay for its own bookkeeping. Returns 0 when
   * this call is not timed.
   */
  long hookBegin(boolean objectMode) {
    return timesHook(objectMode) ? System.nanoTime() : 0;
  }

  /** Counts a hook call, as {@link #hookBegin} does; whether this one is to be timed. */
  boolean timesHook(boolean objectMode) {
    return (hookCalls++ & (objectMode ? 1023 : 63)) == 0;
  }

  void hookEnd(long start, boolean objectMode) {
    if (start != 0) {
      hookSampledNanos += System.nanoTime() - start;
      hookSamples++;
    }
  }

  /** Estimated time in hooks: the sampled time scaled by calls / samples. */
  long hookNanos() {
    return hookSamples == 0 ? 0 : (long) ((double) hookSampledNanos * hookCalls / hookSamples);
  }

  void in(long size) {
    chunksIn++;
    if (size != 0) {
      bytesIn += size; // object streams pass 0: one store less per chunk and stage
    }
  }

  void out(long size) {
    chunksOut++;
    if (size != 0) {
      bytesOut += size;
    }
  }

  /** The buffer became full; {@code loopNanos} is the loop's cached time. */
  void blocked(long loopNanos) {
    if (blockedSince < 0) {
      blockedSince = loopNanos;
    }
  }

  /** The buffer drained; {@code loopNanos} is the loop's cached time. */
  void unblocked(long loopNanos) {
    if (blockedSince >= 0) {
      blockedNanos += Math.max(0, loopNanos - blockedSince);
      blockedSince = -1;
    }
  }

  long blockedNanosNow() {
    return blockedSince < 0 ? blockedNanos : blockedNanos + Math.max(0, System.nanoTime() - blockedSince);
  }
}
