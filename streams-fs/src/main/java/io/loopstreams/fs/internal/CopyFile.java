package io.loopstreams.fs.internal;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.SystemException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * One whole copy inside one pool request, as libuv's {@code uv__fs_copyfile} does: open the
 * source, open the destination (or a temporary file next to it), copy to the source's end,
 * set the metadata, close both. No descriptor outlives the request, so a pool of N threads
 * holds at most 2N descriptors however many copies are queued. Stateless; pool threads only.
 */
public final class CopyFile {

  /** Bytes per {@link Transfer#copy} call; progress is reported after each. */
  public static final long STEP = 64L << 20;

  private CopyFile() {
  }

  /** Told the running total after each step, on the pool thread. */
  @FunctionalInterface
  public interface Progress {
    void copied(long copied, long sourceSize);
  }

  /** What the copy does besides the bytes. */
  public record Options(boolean overwrite, boolean atomic, boolean preserveTimestamps) {
  }

  /**
   * Copies {@code source} to {@code destination}; returns the bytes copied (0 when both are the
   * same file, which stays as it is, like Node). {@code progress} gets the running total after
   * each step, on this thread.
   */
  public static long run(Path source, Path destination, Options options, Progress progress) {
    FileOps.Opened in = FileOps.openRead(source);
    try {
      Target target = Target.resolve(destination, "copyfile").requireNotDirectory("copyfile");
      if (target.exists() && !options.overwrite()) {
        throw new SystemException(ErrorCode.EEXIST, "copyfile", destination.toString(), null);
      }
      if (target.exists() && Files.isSameFile(source, target.file())) {
        return 0;
      }
      int sourceMode = (Integer) Files.getAttribute(source, "unix:mode") & 07777;
      FileTime[] times = options.preserveTimestamps() ? AtomicFile.timesOf(source) : null;
      if (options.atomic() && target.kind() != Target.Kind.SPECIAL) {
        AtomicFile out = AtomicFile.open(target);
        try {
          long n = copy(in, source, out.channel(), destination, progress);
          out.commit(sourceMode, times, options.overwrite(), false);
          return n;
        } catch (RuntimeException e) {
          discardAfter(out, e);
          throw e;
        }
      }
      FileChannel out = FileOps.openWrite(destination,
          options.overwrite() ? FileOps.OpenMode.TRUNCATE : FileOps.OpenMode.CREATE_NEW, 0);
      try {
        long n = copy(in, source, out, destination, progress);
        if (!target.exists()) {
          target.applyTo(target.file(), sourceMode);
        }
        if (times != null && target.kind() != Target.Kind.SPECIAL) {
          AtomicFile.setTimes(target.file(), times, destination);
        }
        FileOps.close(out, destination);
        return n;
      } finally {
        FileOps.closeQuietly(out);
      }
    } catch (IOException e) {
      throw FileOps.map(e, "copyfile", source);
    } finally {
      FileOps.closeQuietly(in.channel());
    }
  }

  private static long copy(FileOps.Opened in, Path source, FileChannel out, Path destination,
      Progress progress) {
    long copied = 0;
    while (true) {
      long n = Transfer.copy(in.channel(), in.regular(), copied, STEP, out, source, destination);
      copied += n;
      progress.copied(copied, in.size());
      if (n < STEP) {
        return copied;
      }
    }
  }

  private static void discardAfter(AtomicFile out, RuntimeException failure) {
    try {
      out.discard();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
