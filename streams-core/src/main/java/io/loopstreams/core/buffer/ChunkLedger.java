package io.loopstreams.core.buffer;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The pooled chunks one stream owns, in the order it got them: each entry is a chunk (a view of a
 * {@link PooledBlock}'s buffer) holding one reference to its block. A source records a chunk
 * before it pushes it; a destination that adopts chunks receives the entries its source hands
 * over. Entries are matched by identity.
 *
 * <p>The ownership rule (also {@code docs/buffers.md}): a chunk's reference is released only on
 * proof that nobody else can see the chunk: by the destination once its write of the chunk
 * completed (or the destination closed with the chunk unwritten), or by the source for a chunk it
 * drops unseen (destroyed with the chunk still buffered). Every other way out of the source
 * ({@code read()} returning it, several consumers) {@linkplain PooledBlock#share() shares} the
 * block: it is never reused.
 *
 * <p>Loop-confined (the owning stream's loop); no allocation per entry.
 */
public final class ChunkLedger {

  // Two deques in step: entry i is (chunks[i], blocks[i]), oldest first.
  private final ArrayDeque<Object> chunks = new ArrayDeque<>();
  private final ArrayDeque<PooledBlock> blocks = new ArrayDeque<>();

  /** Records {@code chunk}, which holds one reference to {@code block} (taken by the caller). */
  public void add(Object chunk, PooledBlock block) {
    chunks.addLast(chunk);
    blocks.addLast(block);
  }

  public boolean isEmpty() {
    return chunks.isEmpty();
  }

  /** Entries held. */
  public int size() {
    return chunks.size();
  }
  /**
   * Source side: {@code chunk} left the source. If it is an entry, the entries before it (which
   * left earlier without one, e.g. consumed by a partial {@code read(n)}) are shared, and the
   * entry moves to {@code to}, or is shared when {@code to} is null (nobody can prove it
   * unseen). A chunk that is not an entry (a slice or copy made by the source's buffer, an
   * unshifted chunk) changes nothing: its block's entry stays until a later chunk passes it.
   */
  public void handOver(Object chunk, ChunkLedger to) {
    PooledBlock block = remove(chunk, true);
    if (block == null) {
      return;
    }
    if (to != null) {
      to.add(chunk, block);
    } else {
      block.share();
      block.release();
    }
  }

  /**
   * Source side: a destroyed source drops {@code chunk} unseen. Releases its reference if it is
   * an entry (the entries before it left earlier, and are shared).
   */
  public void discard(Object chunk) {
    PooledBlock block = remove(chunk, true);
    if (block != null) {
      block.release();
    }
  }

  /**
   * Destination side: the write of {@code chunk} completed (or failed): releases its reference
   * if it is an entry. Other entries stay (their writes are still to come).
   */
  public void release(Object chunk) {
    PooledBlock block = remove(chunk, false);
    if (block != null) {
      block.release();
    }
  }

  /** Destination side, once it can touch no chunk any more (closed): releases every entry. */
  public void releaseAll() {
    chunks.clear();
    for (PooledBlock b; (b = blocks.pollFirst()) != null; ) {
      b.release();
    }
  }

  /**
   * Removes the entry of {@code chunk} and returns its block, or null if there is none. With
   * {@code shareBefore}, the entries before it are shared and released.
   */
  private PooledBlock remove(Object chunk, boolean shareBefore) {
    if (chunks.peekFirst() == chunk) {
      chunks.pollFirst();
      return blocks.pollFirst();
    }
    if (!holds(chunk)) {
      return null;
    }
    if (shareBefore) {
      while (chunks.pollFirst() != chunk) {
        PooledBlock b = blocks.pollFirst();
        b.share();
        b.release();
      }
      return blocks.pollFirst();
    }
    Iterator<Object> c = chunks.iterator();
    Iterator<PooledBlock> b = blocks.iterator();
    while (true) {
      PooledBlock block = b.next();
      if (c.next() == chunk) {
        c.remove();
        b.remove();
        return block;
      }
    }
  }

  /** The block of {@code chunk}'s entry, or null if it is not an entry. */
  public PooledBlock blockOf(Object chunk) {
    Iterator<Object> c = chunks.iterator();
    Iterator<PooledBlock> b = blocks.iterator();
    while (c.hasNext()) {
      PooledBlock block = b.next();
      if (c.next() == chunk) {
        return block;
      }
    }
    return null;
  }

  /** Whether {@code chunk} (this very object) is an entry. */
  public boolean holds(Object chunk) {
    return blockOf(chunk) != null;
  }
}
