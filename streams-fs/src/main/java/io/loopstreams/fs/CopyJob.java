package io.loopstreams.fs;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.SystemException;
import io.loopstreams.fs.internal.FileOps;
import io.loopstreams.fs.internal.FileOps.OpenMode;
import io.loopstreams.fs.internal.Transfer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@link Fs#copy}: open both files on the pool, then {@code transferTo} in steps of {@link
 * DirectCopy#STEP} bytes, one request in flight, reporting progress on the loop after each
 * step; then fsync and rename (atomic) and close. On failure both files are closed and an
 * atomic temporary file is deleted. Loop thread except the offloaded lambdas.
 *
 * <p>Happens-before for the fields {@link #open} sets on a pool thread: (1) the pool thread
 * writes them and returns; (2) the offload completion is posted to the loop's MPSC inbox (a
 * release) and polled by the loop (an acquire); (3) the loop captures them into locals and
 * submits the next request to the pool (the executor hand-off). At most one request is in
 * flight, so no two threads touch them at once.
 */
final class CopyJob {

  private final EventLoop loop;
  private final Path source;
  private final Path destination;
  private final CopyOptions options;
  private final Promise.Resolvers<Long> result;

  // set by open() on the pool, then loop thread only (see the happens-before note above)
  private FileChannel in;
  private boolean inRegular;
  private FileChannel out;
  private Path temp;
  private long total;
  private long copied;

  CopyJob(EventLoop loop, Path source, Path destination, CopyOptions options) {
    this.loop = loop;
    this.source = source;
    this.destination = destination;
    this.options = options;
    this.result = Promise.withResolvers(loop);
  }

  Promise<Long> start() {
    loop.offload(this::open, (same, error) -> {
      if (error != null) {
        fail(error);
      } else if (same) {
        finish(); // Node's copyFile: copying a file onto itself leaves it as it is
      } else {
        step();
      }
    });
    return result.promise();
  }

  /** Pool thread: opens both files; returns true when they are the same file. */
  private boolean open() throws IOException {
    FileOps.Opened src = FileOps.openRead(source);
    in = src.channel();
    inRegular = src.regular();
    total = src.size();
    if (Files.isDirectory(destination)) {
      throw FileOps.isDirectory("copyfile", destination);
    }
    boolean exists = Files.exists(destination);
    if (exists && !options.overwrite()) {
      throw new SystemException(ErrorCode.EEXIST, "copyfile", destination.toString(), null);
    }
    if (exists && Files.isSameFile(source, destination)) {
      return true;
    }
    if (options.atomic()) {
      temp = FileOps.createTemp(destination);
      out = FileOps.openWrite(temp, OpenMode.MODIFY, 0);
    } else {
      out = FileOps.openWrite(destination, options.overwrite() ? OpenMode.TRUNCATE : OpenMode.CREATE_NEW, 0);
    }
    return false;
  }

  private void step() {
    long at = copied;
    FileChannel i = in;
    boolean seekable = inRegular;
    FileChannel o = out;
    loop.offload(() -> Transfer.copy(i, seekable, at, DirectCopy.STEP, o, source, destination), (n, error) -> {
      if (error != null) {
        fail(error);
        return;
      }
      copied += n;
      if (options.progress() != null) {
        options.progress().onProgress(copied, Math.max(total, copied));
      }
      if (n < DirectCopy.STEP) {
        finish();
      } else {
        step();
      }
    });
  }

  private void finish() {
    FileChannel i = in;
    FileChannel o = out;
    Path t = temp;
    loop.offload(() -> {
      try {
        if (t != null) {
          try {
            o.force(true);
          } catch (IOException e) {
            throw FileOps.map(e, "fsync", destination);
          }
          FileOps.close(o, t);
          FileOps.commit(t, destination, options.overwrite());
        } else if (o != null) {
          FileOps.close(o, destination);
        }
      } finally {
        FileOps.closeQuietly(i);
      }
      return null;
    }, (v, error) -> {
      if (error != null) {
        fail(error);
      } else {
        temp = null;
        result.resolve(copied);
      }
    });
  }

  /** Closes what is open, deletes the temporary file, and rejects with {@code error}. */
  private void fail(Throwable error) {
    FileChannel i = in;
    FileChannel o = out;
    Path t = temp;
    in = null;
    out = null;
    temp = null;
    loop.offload(() -> {
      if (i != null) {
        FileOps.closeQuietly(i);
      }
      if (o != null) {
        FileOps.closeQuietly(o);
      }
      if (t != null) {
        FileOps.deleteIfExists(t);
      }
      return null;
    }, (v, e) -> {
      if (e != null) {
        error.addSuppressed(e);
      }
      result.reject(error);
    });
  }
}
