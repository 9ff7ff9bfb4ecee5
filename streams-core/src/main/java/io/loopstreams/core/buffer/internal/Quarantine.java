package io.loopstreams.core.buffer.internal;

import java.nio.ByteBuffer;
import org.jctools.queues.MpmcArrayQueue;

/**
 * Poison mode's holding area for released buffers: each is filled with the poison byte on
 * admission and checked when it leaves (the oldest leaves when a new one arrives and the area is
 * full) or on {@link #checkAll()}. A byte that is no longer poison means a write after release.
 * Thread-safe (an MPMC queue); buffers leaving it are dropped, never reused.
 */
public final class Quarantine {

  private final MpmcArrayQueue<ByteBuffer> held;
  private final byte poison;
  private final long poisonLong;

  public Quarantine(int capacity, byte poison) {
    this.held = new MpmcArrayQueue<>(Math.max(2, capacity));
    this.poison = poison;
    this.poisonLong = (poison & 0xffL) * 0x0101010101010101L;
  }

  /** Fills {@code b} with poison and holds it; checks (and drops) the oldest if full. */
  public void admit(ByteBuffer b) {
    fill(b);
    while (!held.offer(b)) {
      ByteBuffer old = held.poll();
      if (old != null) {
        check(old);
      }
    }
  }

  /** Checks every held buffer (they stay held). */
  public void checkAll() {
    int n = held.size();
    for (int i = 0; i < n; i++) {
      ByteBuffer b = held.poll();
      if (b == null) {
        return;
      }
      try {
        check(b);
      } finally {
        held.offer(b);
      }
    }
  }

  private void fill(ByteBuffer b) {
    int n = b.capacity();
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      b.putLong(i, poisonLong);
    }
    for (; i < n; i++) {
      b.put(i, poison);
    }
  }

  private void check(ByteBuffer b) {
    int n = b.capacity();
    for (int i = 0; i < n; i += 8) {
      if (i + 8 > n || b.getLong(i) != poisonLong) {
        for (int j = i; j < Math.min(n, i + 8); j++) {
          byte v = b.get(j);
          if (v != poison) {
            fill(b); // poison again, so that one damage is reported once
            throw new IllegalStateException("use after release: a pooled buffer of " + n
                + " bytes was written after it went back to its pool (byte " + j + " is 0x"
                + Integer.toHexString(v & 0xff) + ", not poison)");
          }
        }
      }
    }
  }
}
