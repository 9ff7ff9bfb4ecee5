package io.loopstreams.core.buffer;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One direct buffer of a {@link BufferPool} and the views cut from it, kept across the buffer's
 * lives (Okio recycles its segments the same way): a block read again and cut into the same
 * chunks hands out the same view objects, so a steady stream of blocks allocates nothing per
 * chunk. A view is handed out again only after the block went back to the pool, which the
 * ownership rule allows only once nobody can see its chunks (docs/buffers.md).
 *
 * <p>Two views per chunk: the chunk itself ({@link #view}) and its twin ({@link #twin}), the
 * copy of the window a destination writes from on another thread, so that the chunk's own
 * position never moves while a listener on the loop may still read it.
 *
 * <p>Confined like its {@link PooledBlock}: to whoever holds the block.
 */
final class BlockMemory {

  /** Views cached per block: a block holds at most this many chunks of one size. */
  static final int MAX_VIEWS = 64;

  final ByteBuffer buffer;
  private ByteBuffer[] views;
  private ByteBuffer[] twins;

  BlockMemory(ByteBuffer buffer) {
    this.buffer = buffer;
  }

  /**
   * The view of {@code [offset, offset + length)}, position 0 and limit {@code length}: the cached
   * one when the block is cut into chunks of {@code length} (the chunk {@code offset / length}),
   * else a new slice (a short last chunk).
   */
  ByteBuffer view(int offset, int length) {
    int i = slot(offset, length);
    if (i < 0) {
      return buffer.slice(offset, length);
    }
    if (views == null) {
      views = new ByteBuffer[MAX_VIEWS];
    }
    ByteBuffer v = views[i];
    if (v == null || v.capacity() != length) {
      v = buffer.slice(offset, length);
      views[i] = v;
      if (twins != null) {
        twins[i] = null;
      }
      return v;
    }
    return v.clear();
  }

  /**
   * A second view of the window {@code view} shows now (same position and limit), if {@code
   * view} is one of the cached views of this buffer; null otherwise.
   */
  ByteBuffer twin(ByteBuffer view) {
    int i = slotOf(view);
    if (i < 0) {
      return null;
    }
    if (twins == null) {
      twins = new ByteBuffer[MAX_VIEWS];
    }
    int length = view.capacity();
    ByteBuffer t = twins[i];
    if (t == null) {
      t = buffer.slice(i * length, length);
      twins[i] = t;
    }
    return t.limit(view.limit()).position(view.position());
  }

  /**
   * One window on the longest run of {@code chunks}, from index {@code from}, that are whole
   * cached views of consecutive slots of this buffer, if the run has at least two chunks: their
   * bytes are contiguous, so a destination writes them with one buffer instead of one per chunk.
   * Null otherwise. The window is a new buffer object (one per run, not per chunk); its length is
   * the run's chunk count times their size.
   */
  ByteBuffer window(List<? extends ByteBuffer> chunks, int from) {
    ByteBuffer first = chunks.get(from);
    int length = first.capacity();
    int slot = slotOf(first);
    if (slot < 0 || !whole(first)) {
      return null;
    }
    int n = 1;
    while (from + n < chunks.size() && slot + n < MAX_VIEWS) {
      ByteBuffer c = chunks.get(from + n);
      if (views[slot + n] != c || c.capacity() != length || !whole(c)) {
        break;
      }
      n++;
    }
    if (n < 2) {
      return null;
    }
    return buffer.duplicate().limit((slot + n) * length).position(slot * length);
  }

  private int slotOf(ByteBuffer view) {
    if (views != null) {
      for (int i = 0; i < MAX_VIEWS; i++) {
        if (views[i] == view) {
          return i;
        }
      }
    }
    return -1;
  }

  private static boolean whole(ByteBuffer chunk) {
    return chunk.position() == 0 && chunk.limit() == chunk.capacity();
  }

  private int slot(int offset, int length) {
    if (length <= 0 || offset % length != 0) {
      return -1;
    }
    int i = offset / length;
    return i < MAX_VIEWS ? i : -1;
  }
}
