package io.loopstreams.core.buffer;

import io.loopstreams.core.buffer.internal.Quarantine;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.MpmcArrayQueue;

/**
 * A bounded pool of direct buffers of one block size (Netty's pooled allocator and Okio's
 * {@code SegmentPool} are the models, much reduced). {@link #acquire} hands out a {@link
 * PooledBlock}; the block comes back when its last reference is released, unless it was
 * {@linkplain PooledBlock#share() shared}. At most {@code maxRetainedBytes} wait in the pool;
 * a block released beyond that is left to the garbage collector.
 *
 * <p>Thread-safe: acquire and the final release may happen on any thread (a file read acquires
 * on the offload pool, the loop releases). The free list is a bounded JCTools MPMC queue; a
 * block itself is confined to whoever holds it (see {@link PooledBlock}).
 *
 * <h2>Poison mode</h2>
 * With {@code -Dloopstreams.buffers.poison=true} (every test run of the project sets it) a
 * released buffer is filled with {@link #POISON} and parked in a quarantine instead of being
 * reused; {@code acquire} always allocates a fresh buffer. A reader that still looks at a
 * released buffer then sees poison, not data, and a writer that still writes to one is caught
 * when the quarantine checks the buffer: when it leaves the quarantine, and on {@link
 * #checkReleased()} (called after every test). Either ends in an {@link IllegalStateException}
 * naming the damaged offset.
 *
 * <p>The ownership rule that decides when a block may be released is in {@code docs/buffers.md}
 * and in {@link ChunkLedger}.
 */
public final class BufferPool {

  /** The byte a released buffer is filled with in poison mode. */
  public static final byte POISON = (byte) 0xA5;
  /** Block size of the {@linkplain #shared() shared} pool: one file read request (1 MiB). */
  public static final int SHARED_BLOCK_SIZE = 1 << 20;

  private static final boolean POISONING = Boolean.getBoolean("loopstreams.buffers.poison");
  private static final BufferPool SHARED = new BufferPool(SHARED_BLOCK_SIZE,
      Long.getLong("loopstreams.buffers.maxRetained", 16L << 20), POISONING);

  // immutable
  private final int blockSize;
  private final long maxRetainedBytes;
  /** Free blocks, or null when the cap holds less than two blocks (nothing is kept then). */
  private final MpmcArrayQueue<BlockMemory> free;
  /** The cap in blocks (the queue's capacity is a power of two, maybe more). */
  private final int maxIdle;
  /** Poison mode only: released buffers, filled with POISON, never handed out again. */
  private final Quarantine quarantine;

  // any thread
  /** Blocks in {@code free}, counted up before an offer and down after a poll: never above maxIdle. */
  private final AtomicInteger idle = new AtomicInteger();
  private final AtomicLong allocated = new AtomicLong();
  private final AtomicLong acquired = new AtomicLong();
  private final AtomicLong recycled = new AtomicLong();
  private final AtomicLong sharedCount = new AtomicLong();

  BufferPool(int blockSize, long maxRetainedBytes, boolean poison) {
    if (blockSize <= 0) {
      throw new IllegalArgumentException("blockSize must be > 0 (here: " + blockSize + ")");
    }
    if (maxRetainedBytes < 0) {
      throw new IllegalArgumentException("maxRetainedBytes must be >= 0 (here: " + maxRetainedBytes + ")");
    }
    this.blockSize = blockSize;
    this.maxRetainedBytes = maxRetainedBytes;
    long slots = Math.min(maxRetainedBytes / blockSize, 1 << 20);
    this.maxIdle = (int) slots;
    this.free = slots >= 2 && !poison ? new MpmcArrayQueue<>(maxIdle) : null;
    this.quarantine = poison ? new Quarantine((int) Math.max(2, Math.min(slots, 64)), POISON) : null;
  }

  /**
   * A pool of {@code blockSize} direct buffers keeping at most {@code maxRetainedBytes} idle
   * (rounded down to whole blocks; under two blocks nothing is kept).
   */
  public static BufferPool create(int blockSize, long maxRetainedBytes) {
    return new BufferPool(blockSize, maxRetainedBytes, POISONING);
  }

  /**
   * The pool the file streams use: 1 MiB blocks, at most 16 MiB idle (the system property
   * {@code loopstreams.buffers.maxRetained}, in bytes, changes the cap).
   */
  public static BufferPool shared() {
    return SHARED;
  }

  /** Whether this JVM runs in poison mode ({@code -Dloopstreams.buffers.poison=true}). */
  public static boolean poisoning() {
    return POISONING;
  }

  public int blockSize() {
    return blockSize;
  }

  public long maxRetainedBytes() {
    return maxRetainedBytes;
  }

  /**
   * A block with one reference, its buffer cleared to {@code [0, length)}. Any thread; may
   * allocate (a direct buffer of the block size) when the pool is empty.
   */
  public PooledBlock acquire(int length) {
    if (length < 0 || length > blockSize) {
      throw new IllegalArgumentException("length must be in [0, " + blockSize + "] (here: " + length + ")");
    }
    BlockMemory m = free == null ? null : free.poll();
    if (m != null) {
      idle.decrementAndGet();
    } else {
      m = new BlockMemory(ByteBuffer.allocateDirect(blockSize));
      allocated.incrementAndGet();
    }
    acquired.incrementAndGet();
    m.buffer.clear().limit(length);
    return new PooledBlock(this, m);
  }

  /** The last reference of an unshared block was released: keep its buffer if there is room. */
  void recycle(BlockMemory b) {
    recycled.incrementAndGet();
    if (quarantine != null) {
      quarantine.admit(b.buffer); // never handed out again, nor its views
    } else if (free != null) {
      if (idle.incrementAndGet() > maxIdle || !free.offer(b)) {
        idle.decrementAndGet(); // a full pool leaves the buffer to the garbage collector
      }
    }
  }

  void countShared() {
    sharedCount.incrementAndGet();
  }

  /**
   * Poison mode: checks that no released buffer was written since its release (a no-op
   * otherwise). Throws {@link IllegalStateException} naming the first damaged offset.
   */
  public void checkReleased() {
    if (quarantine != null) {
      quarantine.checkAll();
    }
  }

  /** Bytes idle in the pool now. */
  public long retainedBytes() {
    return (long) idle.get() * blockSize;
  }

  /** Direct buffers allocated so far (a pool that recycles stops allocating). */
  public long allocatedBlocks() {
    return allocated.get();
  }

  /** Blocks handed out so far. */
  public long acquiredBlocks() {
    return acquired.get();
  }

  /** Blocks whose last reference came back unshared. */
  public long recycledBlocks() {
    return recycled.get();
  }

  /** Blocks given up because a chunk of theirs escaped (they become garbage). */
  public long sharedBlocks() {
    return sharedCount.get();
  }

  /** Blocks acquired and neither recycled nor shared yet: held by streams right now. */
  public long outstandingBlocks() {
    return acquired.get() - recycled.get() - sharedCount.get();
  }

  @Override
  public String toString() {
    return "BufferPool[block=" + blockSize + ", retained=" + retainedBytes() + "/" + maxRetainedBytes
        + ", acquired=" + acquired.get() + ", allocated=" + allocated.get() + ", recycled="
        + recycled.get() + ", shared=" + sharedCount.get() + (quarantine != null ? ", poison" : "") + "]";
  }
}
