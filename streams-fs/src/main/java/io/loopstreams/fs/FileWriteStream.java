package io.loopstreams.fs;

import io.loopstreams.core.Callback;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.Event;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.OffloadSlot;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.buffer.ChunkLedger;
import io.loopstreams.core.buffer.PooledBlock;
import io.loopstreams.core.internal.LoopAccess;
import io.loopstreams.core.stream.Finished;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.Writable;
import io.loopstreams.fs.internal.AtomicFile;
import io.loopstreams.fs.internal.FileOps;
import io.loopstreams.fs.internal.FileOps.OpenMode;
import io.loopstreams.fs.internal.Target;
import io.loopstreams.fs.internal.Transfer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * Node's {@code fs.WriteStream}: writes {@link ByteBuffer} chunks to a file. Created by {@link
 * Fs#createWriteStream}.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   construct: open on the pool ─ok→ OPEN(path), READY (same tick); writes buffered meanwhile
 *                               ─fail→ ERROR (EEXIST/ENOENT/EISDIR/EACCES, syscall "open") → CLOSE
 *   end(): last write → doFinal (fsync if asked; atomic: fsync, rename over the destination)
 *          → FINISH → file closed on the pool → CLOSE
 *   error/destroy: waits for the request in flight, closes the file, deletes an atomic
 *          temporary file, then [ERROR] → CLOSE
 * </pre>
 * One request is in flight at a time: a single write, or a gathering write ({@code
 * FileChannel.write(ByteBuffer[])}, {@code writev}) of every chunk buffered meanwhile; the
 * adopted chunks of one pooled block, in a row, count as one buffer (a window on their bytes).
 * Either is given to the kernel at most 256 KiB per call ({@code FileOps.writeFully}).
 * Pooled chunks handed over by a sole pipe from a pooled source are adopted, and released as
 * soon as their write completed (docs/buffers.md).
 *
 * <h2>Atomic writes</h2>
 * With {@code atomic}, data goes to {@code .<name>.<pid>.<random>.tmp} next to the file the
 * destination resolves to (a symbolic link is written through); on finish it is forced to the
 * device, given the existing file's mode, owner and group (a new file: the umask default),
 * and renamed over it ({@code rename(2)}: a reader sees the old file or the new one, never a
 * mix). On error, destroy or JVM shutdown the temporary file is deleted and an existing
 * destination is untouched. APPEND and MODIFY start from a copy of the existing destination.
 * A directory fails with EISDIR; a FIFO or device is written directly (see docs/files.md).
 *
 * <h2>Differences from Node</h2>
 * OPEN carries the {@link Path}. Flags are {@link WriteOptions.Flag} values. No {@code fd},
 * {@code mode}, {@code autoClose:false} or {@code fs} options; {@code atomic} is an addition.
 * Chunks are not modified: the stream writes from duplicates (for an adopted pooled chunk, its
 * block's cached twin view: a {@code ChunkObserver} registered after the pipe may still read the
 * chunk's position while the write starts on the pool). The default {@code
 * highWaterMark} is 1 MiB rather than 64 KiB, so that a pipe batches the chunks that arrive
 * while a request is in flight into one gathering write (see {@link WriteOptions}).
 */
public final class FileWriteStream extends Writable<ByteBuffer> {

  private static final LoopAccess LOOP = LoopAccess.get();

  /** Emitted once the file is open, just before {@link #READY}, in the same tick. */
  public static final Event<Path> OPEN = FsEvents.OPEN;
  /** Emitted right after {@link #OPEN}. */
  public static final Event<Void> READY = FsEvents.READY;

  // immutable
  private final Path path;
  private final WriteOptions options;
  private final WriteJob job = new WriteJob();
  private final BiConsumer<Long, Throwable> onWritten = this::onWritten;
  /** Pooled chunks adopted from a pipe, released once written. */
  private final ChunkLedger adopted = new ChunkLedger();

  // loop thread only
  private FileChannel channel;
  private AtomicFile atomic;
  private boolean committed;
  private boolean opened;
  private long bytesWritten;
  private Callback writeCallback;
  /** The one write, final or transfer on the pool; destroy waits for it. */
  private final OffloadSlot slot;
  /**
   * A loop closed with the stream still open closes the file and removes an uncommitted temp
   * file on its way out, on its own thread (no pool request can complete any more).
   */
  private final Runnable closeOnTerminate = () -> {
    FileChannel ch = channel;
    AtomicFile file = committed ? null : atomic;
    channel = null;
    atomic = null;
    if (ch != null) {
      FileOps.closeQuietly(ch);
    }
    if (file != null) {
      file.discard();
    }
  };

  FileWriteStream(EventLoop loop, Path path, WriteOptions options) {
    super(loop, options.streamOptions(path));
    this.slot = OffloadSlot.of(loop);
    this.path = path;
    this.options = options;
    adoptPooledChunks(adopted);
  }

  /** The destination file. */
  public Path path() {
    return path;
  }

  /** Bytes written to the file so far. */
  public long bytesWritten() {
    return bytesWritten;
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

  /** The temporary file of an atomic write while it exists, or null. */
  public Path tempPath() {
    return committed || atomic == null ? null : atomic.tempPath();
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks

  @Override
  protected void doConstruct(Callback callback) {
    loop().offload(this::open, (file, error) -> {
      if (error != null) {
        callback.done(error);
        return;
      }
      channel = file.channel;
      atomic = file.atomic;
      if (!LOOP.onTerminate(loop(), closeOnTerminate)) {
        closeOnTerminate.run();
      }
      opened = true;
      callback.done(null);
      emit(OPEN, path);
      emit(READY);
    });
  }

  private record Opened(FileChannel channel, AtomicFile atomic) {
  }

  /**
   * Pool thread: opens the destination, or a temporary file next to the file it resolves to
   * (see {@link Target}: a directory is EISDIR, a FIFO or device is written directly).
   */
  private Opened open() {
    OpenMode mode = switch (options.flags()) {
      case WRITE -> OpenMode.TRUNCATE;
      case APPEND -> OpenMode.APPEND;
      case CREATE_NEW -> OpenMode.CREATE_NEW;
      case MODIFY -> OpenMode.MODIFY;
    };
    Target target = options.atomic() ? Target.resolve(path, "open").requireNotDirectory("open") : null;
    if (target == null || target.kind() == Target.Kind.SPECIAL) {
      return new Opened(FileOps.openWrite(path, mode, options.start()), null);
    }
    if (target.exists() && mode == OpenMode.CREATE_NEW) {
      throw new SystemException(ErrorCode.EEXIST, "open", path.toString(), null);
    }
    if (!target.exists() && mode == OpenMode.MODIFY) {
      throw new SystemException(ErrorCode.ENOENT, "open", path.toString(), null);
    }
    AtomicFile file = AtomicFile.open(target);
    try {
      FileChannel ch = file.channel();
      if (target.exists() && (mode == OpenMode.APPEND || mode == OpenMode.MODIFY)) {
        FileOps.Opened src = FileOps.openRead(target.file());
        try {
          Transfer.copy(src.channel(), src.regular(), 0, Long.MAX_VALUE, ch, path, file.tempPath());
        } finally {
          FileOps.closeQuietly(src.channel());
        }
      }
      if (mode != OpenMode.APPEND) {
        ch.position(options.start());
      }
      return new Opened(ch, file);
    } catch (IOException | RuntimeException e) {
      try {
        file.discard();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e instanceof IOException io ? FileOps.map(io, "open", path) : (RuntimeException) e;
    }
  }

  @Override
  protected void doWrite(ByteBuffer chunk, Callback callback) {
    job.single = ownView(chunk);
    job.count = 0;
    job.chunk = chunk;
    start(callback);
  }

  @Override
  protected void doWritev(List<ByteBuffer> chunks, Callback callback) {
    int n = chunks.size();
    ByteBuffer[] bufs = job.many != null && job.many.length >= n ? job.many : new ByteBuffer[Math.max(n, 16)];
    int k = 0;
    for (int i = 0; i < n; ) {
      ByteBuffer c = chunks.get(i);
      PooledBlock block = adopted.isEmpty() ? null : adopted.blockOf(c);
      // A block's chunks, adopted in a row, go out as one window on their contiguous bytes.
      ByteBuffer window = block == null ? null : block.window(chunks, i);
      if (window != null) {
        bufs[k++] = window;
        i += window.remaining() / c.capacity();
      } else {
        bufs[k++] = ownView(c, block);
        i++;
      }
    }
    if (k == 1) {
      job.single = bufs[0];
      bufs[0] = null;
      job.count = 0;
    } else {
      job.single = null;
      job.count = k;
    }
    job.many = bufs;
    job.chunks = chunks;
    start(callback);
  }

  /**
   * What the pool thread writes from (the write moves its position, and the chunk's must not
   * move): a duplicate of the chunk, or for an adopted pooled chunk its block's cached twin view
   * (no allocation per chunk).
   */
  private ByteBuffer ownView(ByteBuffer chunk) {
    return ownView(chunk, adopted.isEmpty() ? null : adopted.blockOf(chunk));
  }

  private static ByteBuffer ownView(ByteBuffer chunk, PooledBlock block) {
    ByteBuffer twin = block == null ? null : block.twin(chunk);
    return twin != null ? twin : chunk.duplicate();
  }

  private void start(Callback callback) {
    job.channel = channel;
    writeCallback = callback;
    slot.submit(job, onWritten);
  }

  private void onWritten(Long n, Throwable error) {
    Callback cb = writeCallback;
    writeCallback = null;
    job.single = null;
    if (job.count > 0) {
      Arrays.fill(job.many, 0, job.count, null); // the array is kept for the next batch
      job.count = 0;
    }
    releaseWritten();
    if (error == null) {
      bytesWritten += n;
    }
    cb.done(error);
  }

  /** The request is over: the pool thread no longer reads its chunks, and neither do we. */
  private void releaseWritten() {
    if (!adopted.isEmpty()) {
      if (job.chunks != null) {
        for (ByteBuffer c : job.chunks) {
          adopted.release(c);
        }
      } else {
        adopted.release(job.chunk);
      }
    }
    job.chunk = null;
    job.chunks = null;
  }

  @Override
  protected void doFinal(Callback callback) {
    Path timesFrom = options.preserveTimestamps();
    if (!options.fsync() && atomic == null && timesFrom == null) {
      callback.done(null);
      return;
    }
    FileChannel ch = channel;
    AtomicFile file = atomic;
    slot.submit(() -> {
      FileTime[] times = timesFrom == null ? null : AtomicFile.timesOf(timesFrom);
      if (file != null) {
        file.commit(-1, times, options.flags() != WriteOptions.Flag.CREATE_NEW, options.fsync());
        return null;
      }
      if (options.fsync()) {
        try {
          ch.force(true);
        } catch (IOException e) {
          throw FileOps.map(e, "fsync", path);
        }
      }
      if (times != null && Files.isRegularFile(path)) {
        AtomicFile.setTimes(path, times, path);
      }
      return null;
    }, (v, error) -> {
      if (error == null && file != null) {
        committed = true;
      }
      callback.done(error);
    });
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    slot.whenIdle(() -> close(error, callback));
  }

  private void close(Throwable error, Callback callback) {
    adopted.releaseAll(); // nothing in flight; writes still buffered will never start
    FileChannel ch = channel;
    AtomicFile file = committed ? null : atomic;
    channel = null;
    LOOP.removeOnTerminate(loop(), closeOnTerminate);
    if (ch == null && file == null) {
      callback.done(error);
      return;
    }
    loop().offload(() -> {
      try {
        if (ch != null) {
          FileOps.close(ch, path);
        }
      } finally {
        if (file != null) {
          file.discard();
        }
      }
      return null;
    }, (v, e) -> {
      if (file != null && e == null) {
        atomic = null;
      }
      callback.done(error != null ? error : e);
    });
  }

  /** The blocking part of a write, reused: one request in flight per stream. */
  private final class WriteJob implements Callable<Long> {
    // written on the loop before the hand-off to the pool, read there (executor hand-off)
    FileChannel channel;
    ByteBuffer single;
    /** Reused from batch to batch: the first {@code count} entries are this request's. */
    ByteBuffer[] many;
    int count;
    // loop thread only: the chunks of the request, as written (released after it)
    ByteBuffer chunk;
    List<ByteBuffer> chunks;

    @Override
    public Long call() {
      try {
        return single != null
            ? FileOps.writeFully(channel, single)
            : FileOps.writeFully(channel, many, 0, count);
      } catch (IOException e) {
        throw FileOps.map(e, "write", path);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Direct transfer glue (loop thread only)

  boolean canAcceptTransfer() {
    return !destroyed() && !slot.busy() && writableLength() == 0 && !writableEnded() && writableCorked() == 0;
  }

  boolean isOpen() {
    return channel != null && !destroyed();
  }

  FileChannel channel() {
    return channel;
  }

  void beginTransfer() {
    slot.hold();
  }

  void advance(long n) {
    bytesWritten += n;
  }

  /** Ends the transfer; returns false if a destroy was waiting for it (and now runs). */
  boolean endTransfer() {
    return slot.release();
  }
}
