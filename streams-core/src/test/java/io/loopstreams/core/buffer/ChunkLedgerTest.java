package io.loopstreams.core.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The ledger's moves: hand-over in order, sharing what left unproven, releases by identity. */
class ChunkLedgerTest {

  private final BufferPool pool = new BufferPool(64, 64L * 8, false);
  private final ChunkLedger source = new ChunkLedger();
  private final ChunkLedger sink = new ChunkLedger();

  /** A block cut into {@code n} chunks of 16 bytes, each recorded in the source ledger. */
  private ByteBuffer[] cut(int n) {
    PooledBlock block = pool.acquire(16 * n);
    ByteBuffer[] chunks = new ByteBuffer[n];
    for (int i = 0; i < n; i++) {
      chunks[i] = block.buffer().slice(16 * i, 16);
      source.add(chunks[i], block.retain());
    }
    block.release();
    return chunks;
  }

  @Test
  void chunksHandedOverAndWrittenSendTheirBlockBack() {
    ByteBuffer[] c = cut(3);
    for (ByteBuffer chunk : c) {
      source.handOver(chunk, sink);
    }
    assertTrue(source.isEmpty());
    assertEquals(3, sink.size());
    sink.release(c[0]);
    sink.release(c[1]);
    assertEquals(0, pool.recycledBlocks());
    sink.release(c[2]);
    assertEquals(1, pool.recycledBlocks());
    assertEquals(0, pool.outstandingBlocks());
  }

  @Test
  void blockOfFindsAnEntrysBlockByIdentityAndNothingElse() {
    ByteBuffer[] a = cut(2);
    ByteBuffer[] b = cut(2);
    PooledBlock first = source.blockOf(a[0]);
    assertSame(first, source.blockOf(a[1]));
    PooledBlock second = source.blockOf(b[1]);
    assertNotSame(first, second);
    assertSame(second, source.blockOf(b[0]));
    assertNull(source.blockOf(a[0].duplicate()));
    assertNull(sink.blockOf(a[0]));
  }

  @Test
  void aChunkHandedToNobodySharesItsBlock() {
    ByteBuffer[] c = cut(2);
    source.handOver(c[0], null);
    source.handOver(c[1], sink);
    sink.release(c[1]);
    assertEquals(0, pool.recycledBlocks());
    assertEquals(1, pool.sharedBlocks());
  }

  @Test
  void entriesPassedOverByALaterChunkAreShared() {
    ByteBuffer[] first = cut(2);
    ByteBuffer[] second = cut(1);
    source.handOver(second[0], sink); // first[0], first[1] left the source without an entry
    assertTrue(source.isEmpty());
    sink.release(second[0]);
    assertEquals(1, pool.recycledBlocks());
    assertEquals(1, pool.sharedBlocks());
    assertEquals(0, pool.outstandingBlocks());
    source.handOver(first[0], sink); // gone already: nothing moves
    assertTrue(sink.isEmpty());
  }

  @Test
  void aChunkWithoutAnEntryChangesNothing() {
    ByteBuffer[] c = cut(2);
    source.handOver(c[0].slice(0, 8), sink); // a view made by the buffer, not an entry
    source.handOver(ByteBuffer.allocate(16), sink);
    assertEquals(2, source.size());
    assertTrue(sink.isEmpty());
    source.discard(c[0]);
    source.discard(c[1]);
    assertEquals(1, pool.recycledBlocks());
  }

  @Test
  void equalContentIsNotIdentity() {
    ByteBuffer[] c = cut(1);
    source.handOver(ByteBuffer.allocateDirect(16), sink); // equals(c[0]): same 16 zero bytes
    assertEquals(1, source.size());
    source.discard(c[0]);
    assertEquals(1, pool.recycledBlocks());
  }

  @Test
  void aSinkReleasesALaterChunkAndKeepsTheEarlierOnesUntilReleaseAll() {
    ByteBuffer[] c = cut(3);
    for (ByteBuffer chunk : c) {
      source.handOver(chunk, sink);
    }
    sink.release(c[1]);
    sink.release(ByteBuffer.allocate(4)); // a chunk written by someone else
    assertEquals(2, sink.size());
    sink.releaseAll();
    assertTrue(sink.isEmpty());
    assertEquals(1, pool.recycledBlocks());
    assertEquals(0, pool.sharedBlocks());
  }
}
