package io.loopstreams.fs;

import io.loopstreams.core.Callback;
import io.loopstreams.core.Event;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.OffloadSlot;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.buffer.BufferPool;
import io.loopstreams.core.buffer.ChunkLedger;
import io.loopstreams.core.buffer.PooledBlock;
import io.loopstreams.core.internal.LoopAccess;
import io.loopstreams.core.stream.Finished;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.fs.internal.FileOps;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * Node's {@code fs.ReadStream}: the bytes {@code [start, end]} of a file as {@link ByteBuffer}
 * chunks of {@code highWaterMark} bytes. Created by {@link Fs#createReadStream}.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   construct: open on the pool ─ok→ OPEN(path), READY (same tick) ─ reads ─ EOF → END → CLOSE
 *                               ─fail→ ERROR (ENOENT/EISDIR/EACCES, syscall "open") → CLOSE
 *   destroy: waits for the read in flight, closes the file on the pool, then [ERROR] → CLOSE
 * </pre>
 * One request is in flight at a time. Each request is a positional read of a <em>block</em>
 * (up to 1 MiB, and at most 64 chunks) on the offload pool; the block is pushed as
 * {@code highWaterMark}-sized slices of one buffer, so a hand-off to the pool is paid per block,
 * not per chunk. A read shorter than asked proves the end of the file (each request reads
 * until its block is full or a read returns -1, never trusting the size {@code stat} gave:
 * {@code /proc} files say 0 and files grow), and the end is pushed with the last slice (no
 * extra round trip). A FIFO or character device is read in sequence, one read per request
 * returning what is there, and ends when a read returns -1.
 *
 * <h2>Pooled blocks</h2>
 * While the stream's one consumer adopts chunks (a sole pipe into a {@link FileWriteStream},
 * {@link io.loopstreams.core.stream.ChunkObserver}s aside), a whole block is read into a direct
 * buffer of {@link BufferPool#shared()} and its chunks are tracked: each goes back to the pool
 * once the destination wrote it (docs/buffers.md). A block's chunks are pushed as one burst, so
 * the destination writes the block in one {@code writev}. Otherwise, and for the last, short block of a
 * file, blocks are plain heap buffers as before.
 *
 * <h2>Direct transfer</h2>
 * A {@link Pipeline} of exactly this stream and a {@link FileWriteStream} with nothing read or
 * written yet uses {@link #transferTo}: the range is copied with {@code FileChannel.transferTo}
 * (sendfile/copy_file_range, no copy through the JVM), then this stream ENDs and CLOSEs and the
 * write stream FINISHes (fsync/rename if asked) and CLOSEs as usual. No DATA events are emitted.
 *
 * <h2>Differences from Node</h2>
 * OPEN carries the {@link Path} (there are no file descriptors). The readable buffer may hold
 * one block (up to 1 MiB) beyond the mark right after a read completes. Reads are always
 * positional (Node reads sequentially when no {@code start} is given). A directory fails at
 * open with EISDIR (Node fails the first read). No {@code autoClose:false}, {@code fd} or
 * {@code fs} options.
 */
public final class FileReadStream extends Readable<ByteBuffer> implements Pipeline.DirectTransfer {

  private static final LoopAccess LOOP = LoopAccess.get();

  /** Emitted once the file is open, just before {@link #READY}, in the same tick. */
  public static final Event<Path> OPEN = FsEvents.OPEN;
  /** Emitted right after {@link #OPEN}: reads may start. */
  public static final Event<Void> READY = FsEvents.READY;

  /** Largest block read per offloaded request (unless one chunk is larger). */
  static final int MAX_BLOCK = 1 << 20;
  /** A block holds at most this many chunks (bounds the per-block work for tiny marks). */
  static final int MAX_CHUNKS_PER_BLOCK = 64;

  // immutable
  private final Path path;
  private final long start;
  private final long end;
  private final int chunk;
  private final int block;
  private final ReadJob job = new ReadJob();
  private final BiConsumer<ByteBuffer, Throwable> onRead = this::onRead;
  private final BufferPool pool = BufferPool.shared();
  /** The pooled chunks pushed and not yet delivered. */
  private final ChunkLedger pooledChunks = new ChunkLedger();

  // loop thread only
  private FileChannel channel;
  /** The file's size at open, or -1 once a read went past it (the file grew). */
  private long sizeHint;
  /** A regular file, read at positions; a FIFO or device is read in sequence. */
  private boolean regular;
  private long pos;
  private long bytesRead;
  private boolean eof;
  private boolean opened;
  /** The one read or transfer on the pool; destroy waits for it. */
  private final OffloadSlot slot;
  /**
   * A loop closed with the stream still open closes the file on its way out, on its own thread
   * (no pool request can complete any more): the descriptor never waits for garbage collection.
   */
  private final Runnable closeOnTerminate = () -> {
    FileChannel ch = channel;
    channel = null;
    if (ch != null) {
      FileOps.closeQuietly(ch);
    }
  };

  FileReadStream(EventLoop loop, Path path, ReadOptions options) {
    super(loop, streamOptions(path, options));
    this.slot = OffloadSlot.of(loop);
    this.path = path;
    this.start = options.start();
    this.end = options.end();
    this.pos = start;
    this.chunk = (int) options.highWaterMark();
    // A whole number of chunks, so that every chunk but the file's last is exactly the mark.
    this.block = chunk * Math.max(1, Math.min(MAX_CHUNKS_PER_BLOCK, MAX_BLOCK / chunk));
    trackPooledChunks(pooledChunks);
  }

  /** Validates before the stream exists (a throwing constructor must not leave a construct queued). */
  private static StreamOptions streamOptions(Path path, ReadOptions options) {
    if (options.start() > options.end()) {
      throw StreamException.outOfRange("start", "<= \"end\" (here: " + options.end() + ")", options.start());
    }
    return options.streamOptions(path);
  }

  /** The file being read. */
  public Path path() {
    return path;
  }

  /** Bytes read from the file so far (pushed to the buffer or transferred). */
  public long bytesRead() {
    return bytesRead;
  }

  /**
   * Node's {@code close(cb)}: destroys the stream; {@code callback} (may be null) is called once
   * it has closed, through {@link Finished#finished(Stream, Callback)} (so a stream closed before
   * it ended reports {@code ERR_STREAM_PREMATURE_CLOSE}). Calling it twice calls both callbacks.
   */
  public void close(Callback callback) {
    loop().checkInLoop(this);
    if (callback != null) {
      Finished.finished(this, callback);
    }
    destroy();
  }

  /** Node's {@code pending}: true until the file is open. */
  public boolean pending() {
    return !opened;
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks

  @Override
  protected void doConstruct(Callback callback) {
    loop().offload(() -> FileOps.openRead(path), (file, error) -> {
      if (error != null) {
        callback.done(error);
        return;
      }
      channel = file.channel();
      if (!LOOP.onTerminate(loop(), closeOnTerminate)) {
        closeOnTerminate.run();
      }
      regular = file.regular();
      sizeHint = regular ? file.size() : -1;
      opened = true;
      callback.done(null);
      emit(OPEN, path);
      emit(READY);
    });
  }

  @Override
  protected void doRead(long size) {
    if (eof || slot.busy()) {
      return; // the end is pushed by the completion that saw it / a read is already running
    }
    long remaining = end == ReadOptions.TO_EOF ? Long.MAX_VALUE : end - pos + 1;
    if (remaining <= 0) {
      pushEnd();
      return;
    }
    long want = Math.min(block, remaining);
    if (sizeHint >= 0) {
      // One byte more than the size seen at open, so that a short read proves EOF.
      want = Math.min(want, Math.max(0, sizeHint - pos) + 1);
    }
    job.channel = channel;
    job.position = pos;
    job.length = (int) want;
    job.regular = regular;
    job.pooled = want == block && block <= pool.blockSize() && pooledChunksAdopted();
    slot.submit(job, onRead);
  }

  private void onRead(ByteBuffer buf, Throwable error) {
    PooledBlock pooledBlock = job.block;
    job.block = null;
    if (destroyed() || error != null) {
      if (pooledBlock != null) {
        pooledBlock.release(); // nobody saw it
      }
      if (!destroyed()) {
        destroy(error);
      }
      return; // if destroyed: the close deferred by doDestroy runs next
    }
    int n = buf.remaining();
    pos += n;
    bytesRead += n;
    // A regular file's read fills the buffer unless it met the end; a FIFO's read returns
    // what is there, and only -1 is its end.
    boolean last = (regular ? n < job.length : job.sawEnd) || (end != ReadOptions.TO_EOF && pos > end);
    if (!last && sizeHint >= 0 && pos > sizeHint) {
      sizeHint = -1; // the file grew since it was opened: read whole blocks again
    }
    eof = last;
    beginBurst(); // a file write stream piped to gets the block in one writev
    try {
      for (int off = 0; off < n; off += chunk) {
        int len = Math.min(chunk, n - off);
        ByteBuffer slice;
        if (pooledBlock != null) {
          if (destroyed()) {
            break; // a listener destroyed the stream: the push would drop the chunk
          }
          slice = pooledBlock.view(off, len); // the block's cached views: no allocation
          pooledChunks.add(slice, pooledBlock.retain());
        } else {
          slice = buf.slice(off, len);
        }
        push(slice);
      }
    } finally {
      endBurst();
    }
    if (pooledBlock != null) {
      pooledBlock.release(); // the reader's reference; the chunks hold theirs
    }
    if (last) {
      pushEnd();
    }
  }

  /** A chunk dropped unseen by destroy goes back to its block (if pooled). */
  @Override
  protected void doDiscard(Object chunk) {
    pooledChunks.discard(chunk);
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    slot.whenIdle(() -> close(error, callback));
  }

  private void close(Throwable error, Callback callback) {
    FileChannel ch = channel;
    channel = null;
    LOOP.removeOnTerminate(loop(), closeOnTerminate);
    if (ch == null) {
      callback.done(error);
      return;
    }
    loop().offload(() -> {
      FileOps.close(ch, path);
      return null;
    }, (v, e) -> callback.done(error != null ? error : e));
  }

  /** The blocking part of a read, reused: one request in flight per stream. */
  private final class ReadJob implements Callable<ByteBuffer> {
    // written on the loop before the hand-off to the pool, read there (executor hand-off)
    FileChannel channel;
    long position;
    int length;
    boolean regular;
    boolean pooled;
    // written on the pool, read on the loop after the completion hand-off
    boolean sawEnd;
    /** The pooled block read into (acquired here, on the pool), or null. */
    PooledBlock block;

    @Override
    public ByteBuffer call() {
      ByteBuffer buf;
      if (pooled) {
        block = pool.acquire(length);
        buf = block.buffer();
      } else {
        buf = ByteBuffer.allocate(length);
      }
      FileChannel ch = channel;
      try {
        if (!regular) {
          sawEnd = ch.read(buf) < 0;
          return buf.flip();
        }
        while (buf.hasRemaining()) {
          if (ch.read(buf, position + buf.position()) < 0) {
            break;
          }
        }
      } catch (IOException e) {
        throw FileOps.map(e, "read", path);
      }
      return buf.flip();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Direct transfer (used by Pipeline)

  @Override
  public boolean canTransferTo(Stream destination) {
    return destination instanceof FileWriteStream w && w.canAcceptTransfer() && !destroyed()
        && !slot.busy() && !eof && pos == start && readableFlowing() == null && readableLength() == 0
        && listenerCount(DATA) == 0 && listenerCount(READABLE) == 0;
  }

  @Override
  public void transferTo(Stream destination, Callback callback) {
    new DirectCopy(this, (FileWriteStream) destination, callback).start();
  }

  // package-private glue for DirectCopy (loop thread only)

  boolean isOpen() {
    return channel != null && !destroyed();
  }

  FileChannel channel() {
    return channel;
  }

  long position() {
    return pos;
  }

  boolean regular() {
    return regular;
  }

  /** Bytes left in the range, or Long.MAX_VALUE to the end of the file. */
  long rangeRemaining() {
    return end == ReadOptions.TO_EOF ? Long.MAX_VALUE : Math.max(0, end - pos + 1);
  }

  void beginTransfer() {
    slot.hold();
  }

  void advance(long n) {
    pos += n;
    bytesRead += n;
  }

  /** Ends the transfer; returns false if a destroy was waiting for it (and now runs). */
  boolean endTransfer() {
    return slot.release();
  }

  /** After a transfer: the stream has delivered everything; END then (autoDestroy) CLOSE. */
  void endAfterTransfer() {
    eof = true;
    pushEnd();
    read();
  }
}
