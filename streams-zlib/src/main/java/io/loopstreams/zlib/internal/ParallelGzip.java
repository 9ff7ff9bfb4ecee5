package io.loopstreams.zlib.internal;

import io.loopstreams.core.Callback;
import io.loopstreams.core.OffloadPool;
import io.loopstreams.core.buffer.ChunkLedger;
import io.loopstreams.core.stream.ConcurrentTransform;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.zlib.ZlibOptions;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip in parallel blocks, pigz's method. The input is cut at fixed offsets into blocks of
 * {@code blockSize} bytes; each block is compressed on the offload pool as raw deflate primed
 * with the previous block's last 32 KiB as dictionary and ended with a sync flush (the last block
 * with finish), so the blocks concatenate into one deflate stream. Blocks are emitted in order
 * behind one gzip header; the CRC-32 of the whole input is combined from the blocks' CRCs.
 *
 * <p>The output depends only on the input, the level, the strategy and the block size: it is
 * byte-identical whatever the parallelism. The stream compresses on {@code parallelism} threads of
 * its own, with at most {@code 2 * parallelism + 1} blocks in flight; the write that would start
 * one more is held, so a slow consumer stops the cutting of new blocks.
 *
 * <p>Pooled input: piped alone from a pooled source, the stream adopts its chunks (docs/buffers.md):
 * each is copied into a block as it is written, and released on the next tick (the DATA event
 * that delivered it has returned by then; other observers of that event may still read it).
 *
 * <h2>State</h2>
 * <pre>
 *   FILLING (block has room) ─full and more input→ submitted (SYNC_FLUSH) → FILLING a new block
 *   end() → the current block submitted with FINISH → all emitted → trailer → END
 * </pre>
 */
public final class ParallelGzip extends ConcurrentTransform<ByteBuffer, ByteBuffer> {
  static final int WINDOW = 32 * 1024;

  /** One block's work: built on the loop, compressed on the pool, read back on the loop. */
  private static final class Block {
    // immutable, set on the loop before submission
    final byte[] input;
    final int length;
    final byte[] dictionary;
    final boolean last;
    // written by the pool thread before its promise settles
    int crc;

    Block(byte[] input, int length, byte[] dictionary, boolean last) {
      this.input = input;
      this.length = length;
      this.dictionary = dictionary;
      this.last = last;
    }
  }

  /** A compressor's tools, reused across blocks: one deflater and one output buffer. */
  private static final class Worker {
    final Deflater deflater;
    byte[] out = new byte[0];

    Worker(int level, int strategy) {
      deflater = new Deflater(level, true);
      deflater.setStrategy(DeflateCodec.javaStrategy(strategy));
    }
  }

  // immutable
  /**
   * The stream's own {@code parallelism} threads, with twice as many blocks queued for them as
   * they can run (pigz's job queue): a compressor that finishes a block takes the next at once
   * instead of waiting for the loop to cut one, and file or socket I/O on the shared pool never
   * waits behind compression. Closed when the stream is destroyed.
   */
  private final OffloadPool compressors;

  // any thread: the compressors' workers (at most parallelism), ended with the stream
  private final ConcurrentLinkedQueue<Worker> idleWorkers = new ConcurrentLinkedQueue<>();
  /** Blocks submitted and not yet compressed: the workers are ended once none is left. */
  private final AtomicInteger compressing = new AtomicInteger();
  private final AtomicBoolean workersEnded = new AtomicBoolean();
  private volatile boolean closed;
  private final int blockSize;
  private final int level;
  private final int strategy;
  private final byte[] header;

  // loop thread only
  /** Pooled chunks adopted from a pipe; {@code copied}: those already copied, to release. */
  private final ChunkLedger adopted = new ChunkLedger();
  private final ArrayDeque<ByteBuffer> copied = new ArrayDeque<>();
  private final Runnable releaseCopied = this::releaseCopied;
  private final ArrayDeque<Block> pending = new ArrayDeque<>();
  /** Input arrays of emitted blocks, reused: with them at most parallelism + 1 arrays live. */
  private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
  private byte[] block;
  private int fill;
  private byte[] dictionary;
  private boolean headerSent;
  private int crc;
  private long length;

  public ParallelGzip(ZlibOptions o) {
    // Each side buffers about an eighth of a block, so the input arrays (at most parallelism + 1)
    // and both buffers stay within (parallelism + 2) blocks.
    super(StreamOptions.bytes().readableHighWaterMark(o.blockSize() / 8)
        .writableHighWaterMark(o.blockSize() / 8), 2 * o.parallelism() + 1);
    this.compressors = new OffloadPool("loopstreams-gzip", o.parallelism());
    this.blockSize = o.blockSize();
    this.level = o.effectiveLevel();
    this.strategy = o.strategy();
    this.header = GzipFormat.header(o.gzipHeader(), level, strategy);
    adoptPooledChunks(adopted);
  }

  /** Input blocks held now: in flight or waiting to be emitted, the one being filled, spares. */
  public int blocksHeld() {
    return inFlight() + (block != null ? 1 : 0) + spare.size();
  }

  public int blockSize() {
    return blockSize;
  }

  @Override
  protected void accept(ByteBuffer chunk) {
    int pos = chunk.position();
    int end = chunk.limit();
    while (pos < end) {
      if (block != null && fill == blockSize) {
        submitBlock(false);
      }
      if (block == null) {
        block = spare.isEmpty() ? new byte[blockSize] : spare.pollFirst();
        fill = 0;
      }
      int n = Math.min(end - pos, blockSize - fill);
      chunk.get(pos, block, fill, n);
      pos += n;
      fill += n;
    }
    if (!adopted.isEmpty()) {
      if (copied.isEmpty()) {
        loop().nextTick(releaseCopied);
      }
      copied.addLast(chunk);
    }
  }

  private void releaseCopied() {
    for (ByteBuffer c; (c = copied.pollFirst()) != null; ) {
      adopted.release(c);
    }
  }

  @Override
  protected void acceptEnd() {
    if (block == null) {
      block = new byte[0];
      fill = 0;
    }
    submitBlock(true);
  }

  private void submitBlock(boolean last) {
    Block b = new Block(block, fill, dictionary, last);
    dictionary = fill >= WINDOW ? Arrays.copyOfRange(block, fill - WINDOW, fill) : null;
    block = null;
    fill = 0;
    pending.addLast(b);
    compressing.incrementAndGet();
    submit(loop().offload(compressors, () -> compressOnWorker(b)));
  }

  @Override
  protected void emit(ByteBuffer compressed) {
    Block b = pending.pollFirst();
    if (!headerSent) {
      headerSent = true;
      push(ByteBuffer.wrap(header));
    }
    crc = length == 0 ? b.crc : Crc32Combine.combine(crc, b.crc, b.length);
    length += b.length;
    if (b.input.length == blockSize && blocksHeld() < concurrency() + 1) {
      spare.addLast(b.input); // its task is over: the pool no longer reads it
    }
    push(compressed);
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    closed = true;
    copied.clear();
    loop().nextTick(adopted::releaseAll); // no chunk is read off the loop; the tick: as above
    compressors.close(); // blocks still queued are compressed and their results ignored
    if (compressing.get() == 0) {
      endWorkers();
    }
    super.doDestroy(error, callback);
  }

  /** Pool thread: one block on an idle worker; the last block after destroy ends the workers. */
  private ByteBuffer compressOnWorker(Block b) {
    Worker w = idleWorkers.poll();
    try {
      if (w == null) {
        w = new Worker(level, strategy);
      }
      return compress(b, w);
    } finally {
      if (w != null) {
        idleWorkers.offer(w);
      }
      if (compressing.decrementAndGet() == 0 && closed) {
        endWorkers();
      }
    }
  }

  /** Frees the deflaters' native memory now rather than when the collector finds them. */
  private void endWorkers() {
    if (workersEnded.compareAndSet(false, true)) {
      for (Worker w; (w = idleWorkers.poll()) != null; ) {
        w.deflater.end();
      }
    }
  }

  @Override
  protected void emitEnd() {
    push(ByteBuffer.wrap(GzipFormat.trailer(crc, length)));
  }

  /** Pool thread: one block as raw deflate, primed, sync-flushed or finished. */
  private static ByteBuffer compress(Block b, Worker w) {
    CRC32 c = new CRC32();
    c.update(b.input, 0, b.length);
    b.crc = (int) c.getValue();
    Deflater d = w.deflater;
    d.reset();
    if (b.dictionary != null) {
      d.setDictionary(b.dictionary);
    }
    d.setInput(b.input, 0, b.length);
    byte[] out = w.out.length >= b.length + 64 ? w.out : new byte[b.length + (b.length >> 3) + 64];
    int n = 0;
    if (b.last) {
      d.finish();
      while (!d.finished()) {
        out = room(out, n);
        n += d.deflate(out, n, out.length - n, Deflater.NO_FLUSH);
      }
    } else {
      while (!d.needsInput()) {
        out = room(out, n);
        n += d.deflate(out, n, out.length - n, Deflater.NO_FLUSH);
      }
      int k;
      do {
        out = room(out, n);
        k = d.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
        n += k;
      } while (n == out.length);
    }
    w.out = out;
    return ByteBuffer.wrap(Arrays.copyOf(out, n));
  }

  private static byte[] room(byte[] out, int n) {
    return n < out.length ? out : Arrays.copyOf(out, out.length * 2);
  }
}
