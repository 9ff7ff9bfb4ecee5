package io.loopstreams.core.buffer;

import java.nio.ByteBuffer;
import java.util.List;

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
  private BlockMemory memory;
  private int refs = 1;
  private boolean shared;

  PooledBlock(BufferPool pool, BlockMemory memory) {
    this.pool = pool;
    this.memory = memory;
  }

  /** The block's buffer; fails once the block went back to its pool. */
  public ByteBuffer buffer() {
    return memory().buffer;
  }

  /**
   * A chunk of the block: the bytes {@code [offset, offset + length)}, position 0, limit {@code
   * length}; what {@code buffer().slice(offset, length)} gives, except that a block cut into
   * chunks of one size hands out the same view objects in each of its lives (no allocation per
   * chunk). Cut each range once per life: the same range asked again is the same object, reset.
   * A view belongs to the block's current life: once the block went back to its pool, the object
   * may be a chunk of someone else's block.
   */
  public ByteBuffer view(int offset, int length) {
    return memory().view(offset, length);
  }

  /**
   * A second view of the window {@code chunk} shows (same position and limit), cached like
   * {@link #view}, for code that consumes the bytes on another thread while {@code chunk}'s own
   * position must not move (a write on the offload pool); null if {@code chunk} was not made by
   * {@link #view}.
   */
  public ByteBuffer twin(ByteBuffer chunk) {
    return memory().twin(chunk);
  }

  /**
   * One window on the longest run of {@code chunks}, from index {@code from}, that are whole
   * consecutive chunks cut by {@link #view} (at least two), for one write of their contiguous
   * bytes instead of one buffer per chunk; null if there is none. A new buffer object per run.
   */
  public ByteBuffer window(List<? extends ByteBuffer> chunks, int from) {
    return memory().window(chunks, from);
  }

  private BlockMemory memory() {
    if (memory == null) {
      throw new IllegalStateException("the block was released");
    }
    return memory;
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
      BlockMemory m = memory;
      memory = null;
      if (!shared) {
        pool.recycle(m);
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
