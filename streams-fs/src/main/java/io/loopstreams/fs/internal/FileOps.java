package io.loopstreams.fs.internal;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.SystemException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Set;

/**
 * Blocking file operations shared by the streams and {@code Fs}: they run on the offload pool
 * only, and report failures as {@link SystemException}s with Node's codes, syscall and path.
 * Stateless; every method is safe on any pool thread.
 */
public final class FileOps {

  /**
   * The most one write call gives the kernel. A 1 MiB pooled block is written in four calls:
   * on the benchmark machine a 1 MiB write cost about twice the system time of four 256 KiB
   * writes of the same bytes in most runs (the kernel's copy into the page cache, see
   * docs/benchmarks.md), and never less.
   */
  public static final int MAX_WRITE = 256 * 1024;

  private FileOps() {
  }

  /** Writes all of {@code b} at the channel's position, in calls of at most {@link #MAX_WRITE}. */
  public static long writeFully(GatheringByteChannel ch, ByteBuffer b) throws IOException {
    long n = 0;
    while (b.hasRemaining()) {
      n += writeSlice(ch, b);
    }
    return n;
  }

  /**
   * Writes all of {@code bufs[from, to)} in gathering calls ({@code writev}) of at most {@link
   * #MAX_WRITE} bytes; a buffer larger than that is written alone, in slices.
   */
  public static long writeFully(GatheringByteChannel ch, ByteBuffer[] bufs, int from, int to)
      throws IOException {
    long n = 0;
    int first = from;
    while (first < to) {
      int end = first;
      long batch = 0;
      while (end < to && batch + bufs[end].remaining() <= MAX_WRITE) {
        batch += bufs[end++].remaining();
      }
      n += end == first ? writeSlice(ch, bufs[first]) : ch.write(bufs, first, end - first);
      while (first < to && !bufs[first].hasRemaining()) {
        first++;
      }
    }
    return n;
  }

  /** One write call of at most {@link #MAX_WRITE} bytes from {@code b}'s position. */
  private static int writeSlice(GatheringByteChannel ch, ByteBuffer b) throws IOException {
    int limit = b.limit();
    b.limit(Math.min(limit, b.position() + MAX_WRITE));
    try {
      return ch.write(b);
    } finally {
      b.limit(limit);
    }
  }

  /** How a write opens its file (mirrors {@code WriteOptions.Flag}, without the dependency). */
  public enum OpenMode {
    TRUNCATE, APPEND, CREATE_NEW, MODIFY
  }

  /** Node's EISDIR for an operation that needs a regular file. */
  public static SystemException isDirectory(String syscall, Path path) {
    return new SystemException(ErrorCode.EISDIR, syscall, path.toString(), null);
  }

  /** Maps an {@link IOException} to Node's code for {@code syscall} on {@code path}. */
  public static SystemException map(IOException e, String syscall, Path path) {
    return SystemException.fromIOException(e, syscall, path == null ? null : path.toString());
  }

  /**
   * An open file, its size when it was opened (a hint: {@code /proc} files say 0, a file may
   * grow), and whether it is a regular file (read at positions) or a FIFO or device (read in
   * sequence).
   */
  public record Opened(FileChannel channel, long size, boolean regular) {
  }

  /**
   * Opens {@code path} for reading. A directory fails with EISDIR (Linux would open it and fail
   * the first read instead); nothing stays open on failure.
   */
  public static Opened openRead(Path path) {
    FileChannel ch;
    try {
      ch = FileChannel.open(path, StandardOpenOption.READ);
    } catch (IOException e) {
      throw map(e, "open", path);
    }
    try {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      if (attrs.isDirectory()) {
        throw isDirectory("open", path);
      }
      return new Opened(ch, attrs.size(), attrs.isRegularFile());
    } catch (IOException e) {
      closeQuietly(ch);
      throw map(e, "open", path);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  /**
   * Opens {@code path} for writing in {@code mode} and positions it at {@code start} (APPEND:
   * at the end). Nothing stays open on failure.
   */
  public static FileChannel openWrite(Path path, OpenMode mode, long start) {
    Set<StandardOpenOption> opts = EnumSet.of(StandardOpenOption.WRITE);
    switch (mode) {
      case TRUNCATE -> {
        opts.add(StandardOpenOption.CREATE);
        opts.add(StandardOpenOption.TRUNCATE_EXISTING);
      }
      case APPEND -> {
        opts.add(StandardOpenOption.CREATE);
        opts.add(StandardOpenOption.APPEND);
      }
      case CREATE_NEW -> opts.add(StandardOpenOption.CREATE_NEW);
      case MODIFY -> { }
      default -> throw new AssertionError(mode);
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(path, opts);
    } catch (IOException e) {
      throw map(e, "open", path);
    }
    if (start > 0 && mode != OpenMode.APPEND) {
      try {
        ch.position(start);
      } catch (IOException e) {
        closeQuietly(ch);
        throw map(e, "open", path);
      }
    }
    return ch;
  }

  /**
   * Renames {@code temp} over {@code destination} atomically (POSIX {@code rename}).
   * {@code overwrite == false} refuses an existing destination with EEXIST (checked just
   * before the rename).
   */
  public static void commit(Path temp, Path destination, boolean overwrite) {
    try {
      if (!overwrite && Files.exists(destination)) {
        throw new SystemException(ErrorCode.EEXIST, "rename", destination.toString(), null);
      }
      try {
        Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw map(e, "rename", destination);
    }
  }

  /** Flushes {@code dir}'s entries (a rename) to the device; best effort where unsupported. */
  public static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse fsync on a directory; the data itself was already forced.
      return;
    }
  }

  /** Deletes {@code path} if it exists; failures are reported, not swallowed. */
  public static void deleteIfExists(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw map(e, "unlink", path);
    }
  }

  /** Closes {@code ch}, mapping a failure to Node's code for {@code close}. */
  public static void close(FileChannel ch, Path path) {
    try {
      ch.close();
    } catch (IOException e) {
      throw map(e, "close", path);
    }
  }

  /** Closes after another failure, which is the one reported. */
  public static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException suppressed) {
      // The caller is already failing with a more relevant error.
      return;
    }
  }
}
