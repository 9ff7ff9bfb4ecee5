package io.loopstreams.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.buffer.BufferPool;

/**
 * For tests of every module (a package of its own: a test class in a package of the core module
 * would be hidden by it). What a test did to a pool: its counters since the snapshot was taken (tests of other modules
 * share {@link BufferPool#shared()} with everything else their JVM ran before).
 */
public final class PoolCounters {

  private final BufferPool pool;
  private final long acquired0;
  private final long recycled0;
  private final long shared0;

  private PoolCounters(BufferPool pool) {
    this.pool = pool;
    this.acquired0 = pool.acquiredBlocks();
    this.recycled0 = pool.recycledBlocks();
    this.shared0 = pool.sharedBlocks();
  }

  /** The shared pool's counters from now on. */
  public static PoolCounters ofShared() {
    return new PoolCounters(BufferPool.shared());
  }

  public long acquired() {
    return pool.acquiredBlocks() - acquired0;
  }

  public long recycled() {
    return pool.recycledBlocks() - recycled0;
  }

  /** Blocks given up (seen by a consumer that may keep them) since the snapshot. */
  public long shared() {
    return pool.sharedBlocks() - shared0;
  }

  /** Every block taken since the snapshot went back or was given up; none was written after release. */
  public void assertNoneOutstanding() {
    assertEquals(acquired(), recycled() + shared(), pool.toString());
    pool.checkReleased();
  }

  /**
   * Exactly {@code blocks} blocks were taken since the snapshot, every one went back to the pool,
   * none was given up, and none was written after release.
   */
  public void assertAllRecycled(long blocks) {
    assertEquals(blocks, acquired(), pool.toString());
    assertEquals(blocks, recycled(), pool.toString());
    assertEquals(0, shared(), pool.toString());
    assertNoneOutstanding();
  }

  @Override
  public String toString() {
    return pool.toString();
  }
}
