package io.loopstreams.core.buffer;

import java.nio.ByteBuffer;

/**
 * One block of a {@link BufferPool} and the count of references to it (Netty's {@code
 * ReferenceCounted}, Okio's {@code Segment.shared}). It starts with one reference, its
 * acquirer's. A stream that cuts the block into chunks takes one reference per chunk ({@link
 * #retain()}), each dropped by whoever owns that chunk at the end ({@link #release()}); the
 * block goes back to its pool when the count reaches zero. A block one of whose chunks escaped
 * to code that may keep it is {@linkplain #share() shared}: it never goes back, and becomes
 * garbage once nothing refers to it.
 *
 * <pre>
 *   acquire → HELD(refs ≥ 1) ─release to 0→ RECYCLED (buffer back in the pool)
 *             HELD ─share→ SHARED(refs ≥ 1) ─release to 0→ DROPPED (left to the GC)
 *   release when refs == 0 → IllegalStateException ("released twice")
 * </pre>
 * Confined to one thread at a time: the acquirer's, then whoever it hands the block to through a
 * hand-off that orders memory (the offload pool's completion, {@code loop.execute}). A new object
 * per acquisition, so a stale reference can never touch the block's next life.
 */
public final class PooledBlock {

  private final BufferPool pool;
  private ByteBuffer buffer;
  private int refs = 1;
  private boolean shared;

  PooledBlock(BufferPool pool, ByteBuffer buffer) {
    this.pool = pool;
    this.buffer = buffer;
  }

  /** The block's buffer; fails once the block went back to its pool. */
  public ByteBuffer buffer() {
    if (buffer == null) {
      throw new IllegalStateException("the block was released");
    }
    return buffer;
  }

  /** Adds a reference (one more chunk cut from the block). */
  public PooledBlock retain() {
    if (refs <= 0) {
      throw new IllegalStateException("retain of a released block");
    }
    refs++;
    return this;
  }

  /**
   * Drops a reference; the last one sends the buffer back to the pool (or, if shared, leaves it
   * to the garbage collector). A release beyond the last throws: a chunk released twice.
   */
  public void release() {
    if (refs <= 0) {
      throw new IllegalStateException("a pooled block was released twice");
    }
    if (--refs == 0) {
      ByteBuffer b = buffer;
      buffer = null;
      if (!shared) {
        pool.recycle(b);
      }
    }
  }

  /**
   * Marks the block as seen by code that may keep it (a DATA listener, a second destination, a
   * caller of {@code read()}): it will not go back to the pool. Idempotent.
   */
  public void share() {
    if (!shared) {
      shared = true;
      if (refs > 0) {
        pool.countShared();
      }
    }
  }

  public boolean isShared() {
    return shared;
  }

  public int refCount() {
    return refs;
  }

  public BufferPool pool() {
    return pool;
  }
}
