package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.buffer.BufferPool;
import io.loopstreams.core.buffer.ChunkLedger;
import io.loopstreams.core.buffer.PooledBlock;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A pooled source and an adopting sink for the ownership tests, shaped like the file streams:
 * the source fills a block per read (on the next immediate, as a pool completion would arrive),
 * cuts it into chunks and tracks them; the sink copies each chunk out on a later immediate (the
 * pool thread's write) and only then releases it.
 */
final class PooledChunks {

  static final int CHUNK = 16;
  static final int CHUNKS_PER_BLOCK = 4;

  private PooledChunks() {
  }

  /** Byte {@code i} of the whole stream. */
  static byte byteAt(int i) {
    return (byte) (i * 7 + i / 251);
  }

  static byte[] expected(int blocks) {
    byte[] b = new byte[blocks * CHUNK * CHUNKS_PER_BLOCK];
    for (int i = 0; i < b.length; i++) {
      b[i] = byteAt(i);
    }
    return b;
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  /** Concatenates the bytes of kept chunks (read without moving them). */
  static byte[] concat(List<ByteBuffer> kept) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    kept.forEach(b -> out.writeBytes(bytes(b)));
    return out.toByteArray();
  }

  /**
   * {@code pool} acquired {@code acquired} blocks, of which {@code recycled} came back and
   * {@code shared} were given up; none is outstanding and no released buffer was written.
   */
  static void assertAllBack(BufferPool pool, int acquired, int recycled, int shared) {
    assertEquals(acquired, pool.acquiredBlocks(), pool.toString());
    assertEquals(recycled, pool.recycledBlocks(), pool.toString());
    assertEquals(shared, pool.sharedBlocks(), pool.toString());
    assertEquals(0, pool.outstandingBlocks(), pool.toString());
    pool.checkReleased();
  }

  static BufferPool pool() {
    return BufferPool.create(CHUNK * CHUNKS_PER_BLOCK, 8L * CHUNK * CHUNKS_PER_BLOCK);
  }

  /**
   * Pushes {@code blocks} pooled blocks of CHUNKS_PER_BLOCK chunks, each block in one burst (as
   * the file read stream does) unless {@link #bursts} is cleared.
   */
  static final class Source extends Readable<ByteBuffer> {
    final BufferPool pool;
    final ChunkLedger ledger = new ChunkLedger();
    private final int blocks;
    private final int perBlock;
    private int made;
    private boolean reading;
    boolean bursts = true;

    Source(BufferPool pool, int blocks) {
      this(pool, blocks, CHUNKS_PER_BLOCK);
    }

    /** {@code perBlock} chunks per block (the total is then blocks * perBlock chunks). */
    Source(BufferPool pool, int blocks, int perBlock) {
      super(StreamOptions.bytes().highWaterMark(CHUNK));
      this.pool = pool;
      this.blocks = blocks;
      this.perBlock = perBlock;
      trackPooledChunks(ledger);
    }

    @Override
    protected void doRead(long size) {
      if (reading) {
        return;
      }
      if (made == blocks) {
        pushEnd();
        return;
      }
      reading = true;
      PooledBlock block = pool.acquire(CHUNK * perBlock);
      loop().setImmediate(() -> {
        reading = false;
        int base = made++ * CHUNK * perBlock;
        ByteBuffer b = block.buffer();
        for (int i = 0; i < b.limit(); i++) {
          b.put(i, byteAt(base + i));
        }
        if (bursts) {
          beginBurst();
        }
        try {
          for (int c = 0; c < perBlock && !destroyed(); c++) {
            ByteBuffer slice = b.slice(c * CHUNK, CHUNK);
            ledger.add(slice, block.retain());
            push(slice);
          }
        } finally {
          if (bursts) {
            endBurst();
          }
        }
        block.release();
      });
    }

    @Override
    protected void doDiscard(Object chunk) {
      ledger.discard(chunk);
    }
  }

  /** Copies what it is given on the next immediate, then releases adopted chunks. */
  static class Sink extends Writable<ByteBuffer> {
    final ChunkLedger adopted = new ChunkLedger();
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    /** The number of chunks of each write, in order. */
    final List<Integer> batches = new ArrayList<>();
    /** Set to fail the write of that chunk number (0-based), or -1. */
    int failAt = -1;
    int writes;

    Sink() {
      super(StreamOptions.bytes().highWaterMark(4 * CHUNK));
      adoptPooledChunks(adopted);
    }

    Sink(EventLoop loop) {
      super(loop, StreamOptions.bytes().highWaterMark(4 * CHUNK));
      adoptPooledChunks(adopted);
    }

    /** A sink whose mark is {@code chunks} chunks. */
    Sink(int chunks) {
      super(StreamOptions.bytes().highWaterMark((long) chunks * CHUNK));
      adoptPooledChunks(adopted);
    }

    @Override
    protected void doWrite(ByteBuffer chunk, Callback callback) {
      doWritev(List.of(chunk), callback);
    }

    @Override
    protected void doWritev(List<ByteBuffer> chunks, Callback callback) {
      batches.add(chunks.size());
      loop().setImmediate(() -> {
        Throwable error = null;
        for (ByteBuffer c : chunks) {
          if (writes++ == failAt) {
            error = new IllegalStateException("disk full at chunk " + failAt);
          }
          if (error == null) {
            written.writeBytes(bytes(c));
          }
          adopted.release(c);
        }
        callback.done(error);
      });
    }

    @Override
    protected void doDestroy(Throwable error, Callback callback) {
      adopted.releaseAll();
      callback.done(error);
    }
  }
}
