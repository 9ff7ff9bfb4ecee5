package io.loopstreams.core.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pool on its own: reuse, the cap on idle bytes, shared blocks, a second release, poison
 * mode's checks, and acquire/release from several threads. (Netty's {@code PooledByteBufAllocatorTest}
 * and Okio's {@code SegmentPoolTest} test the same properties of theirs.)
 */
class BufferPoolTest {

  private static final int BLOCK = 4096;

  private static BufferPool pool(int blocks) {
    return new BufferPool(BLOCK, (long) blocks * BLOCK, false);
  }

  @Test
  void aReleasedBlockIsHandedOutAgainWithoutAllocating() {
    BufferPool pool = pool(4);
    PooledBlock first = pool.acquire(BLOCK);
    ByteBuffer b = first.buffer();
    first.release();
    PooledBlock second = pool.acquire(100);
    assertSame(b, second.buffer());
    assertNotSame(first, second);
    assertEquals(1, pool.allocatedBlocks());
    assertEquals(2, pool.acquiredBlocks());
    assertEquals(1, pool.recycledBlocks());
    assertEquals(1, pool.outstandingBlocks());
  }

  @Test
  void aBlockCutIntoTheSameChunksAgainHandsOutTheSameViewsReset() {
    BufferPool pool = pool(4);
    PooledBlock first = pool.acquire(BLOCK);
    first.buffer().put(1024, (byte) 7);
    ByteBuffer v0 = first.view(0, 1024);
    ByteBuffer v1 = first.view(1024, 1024);
    assertEquals(0, v1.position());
    assertEquals(1024, v1.limit());
    assertEquals(7, v1.get(0)); // a window on the block's bytes
    v1.position(500).limit(600); // a consumer moved it
    first.release();
    PooledBlock second = pool.acquire(BLOCK);
    assertSame(v0, second.view(0, 1024));
    ByteBuffer again = second.view(1024, 1024);
    assertSame(v1, again);
    assertEquals(0, again.position());
    assertEquals(1024, again.limit());
    // Another cut of the same memory gets views of its own size; a short last chunk a new slice.
    ByteBuffer half = second.view(2048, 512);
    assertEquals(512, half.capacity());
    assertNotSame(second.view(3072, 100), second.view(3072, 100));
    assertEquals(1, pool.allocatedBlocks());
  }

  @Test
  void aTwinShowsTheChunksWindowAndMovesWithoutMovingTheChunk() {
    BufferPool pool = pool(4);
    PooledBlock block = pool.acquire(BLOCK);
    for (int i = 0; i < BLOCK; i++) {
      block.buffer().put(i, (byte) (i / 1024));
    }
    ByteBuffer chunk = block.view(2048, 1024);
    chunk.position(10);
    ByteBuffer twin = block.twin(chunk);
    assertNotSame(chunk, twin);
    assertEquals(10, twin.position());
    assertEquals(1024, twin.limit());
    assertEquals(2, twin.get(twin.position()));
    twin.position(1024); // consumed, as a write on another thread would
    assertEquals(10, chunk.position());
    assertSame(twin, block.twin(chunk));
    assertEquals(10, twin.position()); // reset to the chunk's window each time
    assertEquals(null, block.twin(ByteBuffer.allocateDirect(1024)));
    assertEquals(null, block.twin(block.buffer().slice(0, 1024)));
  }

  @Test
  void aWindowCoversTheLongestRunOfWholeConsecutiveViews() {
    BufferPool pool = pool(4);
    PooledBlock block = pool.acquire(BLOCK);
    for (int i = 0; i < BLOCK; i++) {
      block.buffer().put(i, (byte) (i / 1024));
    }
    ByteBuffer[] c = new ByteBuffer[4];
    for (int i = 0; i < 4; i++) {
      c[i] = block.view(i * 1024, 1024);
    }
    ByteBuffer all = block.window(List.of(c[0], c[1], c[2], c[3]), 0);
    assertEquals(0, all.position());
    assertEquals(BLOCK, all.limit());
    ByteBuffer tail = block.window(List.of(c[0], c[2], c[3]), 1); // from index 1: chunks 2 and 3
    assertEquals(2048, tail.position());
    assertEquals(4096, tail.limit());
    assertEquals(3, tail.get(3072));
    assertEquals(null, block.window(List.of(c[0], c[2]), 0)); // not consecutive
    assertEquals(null, block.window(List.of(c[3]), 0)); // a run of one
    c[1].position(1);
    assertEquals(null, block.window(List.of(c[1], c[2]), 0)); // not whole: its window has moved
    ByteBuffer firstOnly = block.window(List.of(c[0], c[1], c[2]), 0);
    assertEquals(null, firstOnly); // c[1] not whole ends the run at one chunk
    assertEquals(0, c[0].position()); // the chunks themselves never move
    assertEquals(1024, c[2].limit());
  }

  @Test
  void aReleasedBlockRefusesViews() {
    BufferPool pool = pool(4);
    PooledBlock block = pool.acquire(BLOCK);
    block.release();
    assertThrows(IllegalStateException.class, () -> block.view(0, 1024));
  }

  @Test
  void acquireHandsOutTheAskedLengthFromPositionZero() {
    BufferPool pool = pool(4);
    PooledBlock block = pool.acquire(BLOCK);
    block.buffer().position(10).limit(20);
    block.release();
    ByteBuffer b = pool.acquire(300).buffer();
    assertEquals(0, b.position());
    assertEquals(300, b.limit());
    assertEquals(BLOCK, b.capacity());
    assertTrue(b.isDirect());
  }

  @Test
  void thePoolKeepsAtMostItsCapOfIdleBytes() {
    BufferPool pool = pool(3);
    List<PooledBlock> held = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      held.add(pool.acquire(BLOCK));
    }
    held.forEach(PooledBlock::release);
    assertEquals(3L * BLOCK, pool.retainedBytes());
    held.clear();
    for (int i = 0; i < 5; i++) {
      held.add(pool.acquire(BLOCK));
    }
    assertEquals(7, pool.allocatedBlocks()); // 5, then 3 reused and 2 new
    assertEquals(0, pool.retainedBytes());
  }

  @Test
  void aCapUnderTwoBlocksKeepsNothing() {
    BufferPool pool = new BufferPool(BLOCK, BLOCK + 1, false);
    pool.acquire(BLOCK).release();
    pool.acquire(BLOCK).release();
    assertEquals(2, pool.allocatedBlocks());
    assertEquals(0, pool.retainedBytes());
  }

  @Test
  void aBlockGoesBackOnlyWhenItsLastReferenceIsReleased() {
    BufferPool pool = pool(4);
    PooledBlock block = pool.acquire(BLOCK).retain().retain();
    block.release();
    block.release();
    assertEquals(0, pool.recycledBlocks());
    assertEquals(1, block.refCount());
    block.release();
    assertEquals(1, pool.recycledBlocks());
    assertEquals(BLOCK, pool.retainedBytes());
  }

  @Test
  void aSharedBlockNeverGoesBackToThePool() {
    BufferPool pool = pool(4);
    PooledBlock block = pool.acquire(BLOCK).retain();
    block.share();
    block.share();
    block.release();
    block.release();
    assertEquals(0, pool.recycledBlocks());
    assertEquals(1, pool.sharedBlocks());
    assertEquals(0, pool.outstandingBlocks());
    assertEquals(0, pool.retainedBytes());
  }

  @Test
  void aReleaseBeyondTheLastReferenceFailsAndTheBufferIsGone() {
    BufferPool pool = pool(4);
    PooledBlock block = pool.acquire(BLOCK);
    block.release();
    IllegalStateException e = assertThrows(IllegalStateException.class, block::release);
    assertEquals("a pooled block was released twice", e.getMessage());
    assertThrows(IllegalStateException.class, block::buffer);
    assertThrows(IllegalStateException.class, block::retain);
    assertEquals(1, pool.recycledBlocks());
  }

  @Test
  void aLengthOutsideTheBlockIsRefused() {
    BufferPool pool = pool(4);
    assertThrows(IllegalArgumentException.class, () -> pool.acquire(BLOCK + 1));
    assertThrows(IllegalArgumentException.class, () -> pool.acquire(-1));
    assertThrows(IllegalArgumentException.class, () -> BufferPool.create(0, 0));
    assertThrows(IllegalArgumentException.class, () -> BufferPool.create(BLOCK, -1));
  }

  @Test
  void poisonModeFillsAReleasedBufferAndNeverHandsItOutAgain() {
    BufferPool pool = new BufferPool(BLOCK, 4L * BLOCK, true);
    PooledBlock block = pool.acquire(BLOCK);
    ByteBuffer kept = block.buffer();
    kept.put(0, (byte) 1).put(BLOCK - 1, (byte) 2);
    block.release();
    for (int i = 0; i < BLOCK; i++) {
      assertEquals(BufferPool.POISON, kept.get(i), "byte " + i);
    }
    assertNotSame(kept, pool.acquire(BLOCK).buffer());
    assertEquals(2, pool.allocatedBlocks());
    pool.checkReleased();
  }

  @Test
  void poisonModeReportsAWriteAfterReleaseWithItsOffset() {
    BufferPool pool = new BufferPool(BLOCK, 4L * BLOCK, true);
    PooledBlock block = pool.acquire(BLOCK);
    ByteBuffer kept = block.buffer();
    block.release();
    kept.put(77, (byte) 0);
    IllegalStateException e = assertThrows(IllegalStateException.class, pool::checkReleased);
    assertTrue(e.getMessage().startsWith("use after release: a pooled buffer of 4096 bytes was written"
        + " after it went back to its pool (byte 77 is 0x0, not poison)"), e.getMessage());
    pool.checkReleased(); // reported once, then poisoned again
  }

  @Test
  void poisonModeChecksTheOldestBufferWhenItLeavesTheQuarantine() {
    BufferPool pool = new BufferPool(BLOCK, 2L * BLOCK, true); // a quarantine of two
    PooledBlock first = pool.acquire(BLOCK);
    ByteBuffer kept = first.buffer();
    first.release();
    kept.put(5, (byte) 9);
    pool.acquire(BLOCK).release();
    PooledBlock third = pool.acquire(BLOCK);
    IllegalStateException e = assertThrows(IllegalStateException.class, third::release);
    assertTrue(e.getMessage().contains("byte 5 is 0x9"), e.getMessage());
  }

  @Test
  void blocksAcquiredAndReleasedOnFourThreadsAllComeBack() throws Exception {
    BufferPool pool = pool(8);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(threads.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            PooledBlock b = pool.acquire(BLOCK);
            b.buffer().putInt(0, i);
            b.release();
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(8_000, pool.acquiredBlocks());
    assertEquals(8_000, pool.recycledBlocks());
    assertEquals(0, pool.outstandingBlocks());
    // Four threads hold four blocks at most; a few more when a poll races an offer in flight.
    assertTrue(pool.allocatedBlocks() <= 64, "allocated " + pool.allocatedBlocks());
    assertTrue(pool.retainedBytes() <= 8L * BLOCK);
  }
}
