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
