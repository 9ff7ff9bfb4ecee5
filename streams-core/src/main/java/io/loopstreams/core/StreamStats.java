package io.loopstreams.core;

/**
 * A stream's loop-confined counters. Plain fields: only the loop thread writes them, and the
 * snapshot is taken on the loop. Backpressure time is accumulated on the full → drained
 * transitions only, so the per-chunk cost is two additions.
 */
final class StreamStats {
  long chunksIn;
  long bytesIn;
  long chunksOut;
  long bytesOut;
  long blockedNanos;
  long blockedSince = -1;
  long hookNanos;
  private int hookCalls;

  /**
   * Starts timing a user hook. Byte streams time every call (chunks are large, two nanoTime
   * reads are noise); object streams time one call in 64 and scale, so a 10M-object pipeline
   * does not pay for its own bookkeeping. Returns 0 when this call is not timed.
   */
  long hookBegin(boolean objectMode) {
    if (!objectMode || (++hookCalls & 63) == 0) {
      return System.nanoTime();
    }
    return 0;
  }

  void hookEnd(long start, boolean objectMode) {
    if (start != 0) {
      hookNanos += (System.nanoTime() - start) * (objectMode ? 64 : 1);
    }
  }

  void in(long size) {
    chunksIn++;
    bytesIn += size;
  }

  void out(long size) {
    chunksOut++;
    bytesOut += size;
  }

  void blocked() {
    if (blockedSince < 0) {
      blockedSince = System.nanoTime();
    }
  }

  void unblocked() {
    if (blockedSince >= 0) {
      blockedNanos += System.nanoTime() - blockedSince;
      blockedSince = -1;
    }
  }

  long blockedNanosNow() {
    return blockedSince < 0 ? blockedNanos : blockedNanos + System.nanoTime() - blockedSince;
  }
}
