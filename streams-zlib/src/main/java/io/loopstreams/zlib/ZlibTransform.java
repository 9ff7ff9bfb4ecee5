package io.loopstreams.zlib;

import io.loopstreams.core.Callback;
import io.loopstreams.core.Event;
import io.loopstreams.core.OffloadSlot;
import io.loopstreams.core.buffer.ChunkLedger;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.zlib.internal.Codec;
import io.loopstreams.zlib.internal.Output;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One compression or decompression stream (Node's {@code Gzip}, {@code Gunzip}, {@code Deflate},
 * ..., {@code BrotliCompress}, {@code ZstdDecompress}): a {@code Transform<ByteBuffer, ByteBuffer>}
 * whose engine runs on the loop's offload pool, one task in flight, so the loop thread never
 * compresses or decompresses anything. Writes that queued while a task ran go to the next task
 * together (one hand-off for several chunks); outputs keep their order.
 *
 * <h2>State</h2>
 * <pre>
 *   IDLE ─write/flush marker→ RUNNING (one pool task) ─completion→ outputs pushed, callback → IDLE
 *   IDLE ─end()→ RUNNING (finish) → trailer pushed → END
 *   any ─destroy→ DESTROYED: a running task finishes on the pool, its output is dropped, then
 *                 the engine is freed (on the pool); an idle engine is freed at once (on the pool)
 * </pre>
 *
 * <p>Pooled input: piped alone from a pooled source (a file read stream), the transform adopts
 * its chunks (docs/buffers.md) and releases each once the task that read it has come back: the
 * engine consumes its input whole and keeps no view of it, and outputs are its own buffers.
 *
 * <p>Differences from Node: {@code reset()} and {@code close(cb)} are not provided (destroy the
 * stream); {@code Z_PARTIAL_FLUSH} and {@code Z_BLOCK} act as {@code Z_SYNC_FLUSH}.
 */
public final class ZlibTransform extends Transform<ByteBuffer, ByteBuffer> {

  /** Gunzip and unzip: each member's header, emitted before that member's data. */
  public static final Event<GzipHeader> HEADER = Event.of("header");

  private static final ByteBuffer[] FLUSH_MARKERS = {
      null, ByteBuffer.allocate(0), ByteBuffer.allocate(0), ByteBuffer.allocate(0), null};
  private static final ByteBuffer BATCH = ByteBuffer.allocate(0);

  // immutable
  private final Codec codec;
  private final int chunkSize;
  private final OffloadSlot slot;
  /** Pooled chunks adopted from a pipe: released when the task that read them has come back. */
  private final ChunkLedger adopted = new ChunkLedger();

  // loop thread only
  private List<ByteBuffer> batch;
  private long bytesWritten;
  private GzipHeader header;

  ZlibTransform(Codec codec, int chunkSize, StreamOptions options) {
    super(options);
    this.codec = codec;
    this.chunkSize = chunkSize;
    this.slot = OffloadSlot.of(loop());
    adoptPooledChunks(adopted);
  }

  /** Node's {@code bytesWritten}: input bytes the engine consumed so far. */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** The header of the last gzip member read, or null (gunzip and unzip only). */
  public GzipHeader header() {
    return header;
  }

  /** {@code flush(Z_FULL_FLUSH, cb)}, Node's default kind. */
  public void flush(Callback callback) {
    flush(Zlib.Z_FULL_FLUSH, callback);
  }

  /**
   * Node's {@code flush(kind, cb)}: everything written before comes out, flushed as {@code kind}
   * asks; ordered with the writes (a zero-length marker write). After {@code end()} the callback
   * waits for END; after finish it runs on the next tick.
   */
  public void flush(int kind, Callback callback) {
    loop().checkInLoop(this);
    if (kind < Zlib.Z_PARTIAL_FLUSH || kind > Zlib.Z_FULL_FLUSH) {
      kind = Zlib.Z_FULL_FLUSH;
    }
    if (writableFinished()) {
      loop().nextTick(() -> callback.done(null));
    } else if (writableEnded()) {
      once(END, () -> callback.done(null));
    } else {
      write(FLUSH_MARKERS[kind], callback);
    }
  }

  /**
   * Node's {@code params(level, strategy, cb)}: a sync flush, then the new level and strategy
   * apply to what is written next. A decompressor only flushes and calls back, as in Node.
   */
  public void params(int level, int strategy, Callback callback) {
    ZlibOptions.check("level", level, -1, 9);
    ZlibOptions.check("strategy", strategy, 0, 4);
    flush(Zlib.Z_SYNC_FLUSH, err -> {
      if (err == null) {
        codec.params(level, strategy);
      }
      callback.done(err);
    });
  }

  @Override
  protected void doWritev(List<ByteBuffer> chunks, Callback callback) {
    batch = chunks;
    doWrite(BATCH, callback); // through Transform's write path, which holds it while we are full
  }

  @Override
  protected void doTransform(ByteBuffer chunk, Callback callback) {
    List<ByteBuffer> in = chunk == BATCH ? batch : List.of(chunk);
    batch = null;
    run(in, false, callback);
  }

  @Override
  protected void doFlush(Callback callback) {
    run(List.of(), true, callback);
  }

  private void run(List<ByteBuffer> in, boolean finish, Callback callback) {
    slot.submit(() -> process(in, finish), (List<Object> out, Throwable err) -> {
      if (!adopted.isEmpty()) {
        for (ByteBuffer c : in) {
          adopted.release(c); // the engine has consumed it and keeps no view of it
        }
      }
      if (destroyed()) {
        return; // the engine is freed right after, by the action doDestroy left with the slot
      }
      if (err != null) {
        callback.done(err);
        return;
      }
      for (Object o : out) {
        if (o instanceof ByteBuffer b) {
          push(b);
        } else {
          header = (GzipHeader) o;
          emit(HEADER, header);
        }
      }
      bytesWritten = codec.bytesIn();
      callback.done(null);
    });
  }

  /** Pool thread: feeds each chunk (a duplicate, so the writer's buffer does not move). */
  private List<Object> process(List<ByteBuffer> in, boolean finish) {
    Output out = new Output(chunkSize);
    for (ByteBuffer chunk : in) {
      int flush = Codec.NO_FLUSH;
      for (int k = 1; k < FLUSH_MARKERS.length; k++) {
        flush = chunk == FLUSH_MARKERS[k] ? k : flush;
      }
      codec.process(chunk.duplicate(), flush, out);
    }
    if (finish) {
      codec.process(BATCH.duplicate(), Codec.FINISH, out);
    }
    return out.take();
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    slot.whenIdle(() -> {
      adopted.releaseAll(); // written chunks no task will read
      freeEngine();
    });
    callback.done(error);
  }

  /** Frees the engine on the pool (never while a task uses it: the slot runs this when idle). */
  private void freeEngine() {
    loop().offload(() -> {
      codec.end();
      return null;
    }, (v, e) -> { });
  }
}
