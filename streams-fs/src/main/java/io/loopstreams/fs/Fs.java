package io.loopstreams.fs;

import io.loopstreams.core.AbortSignal;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.fs.internal.AtomicFile;
import io.loopstreams.fs.internal.FileOps;
import io.loopstreams.fs.internal.FileOps.OpenMode;
import io.loopstreams.fs.internal.Target;
import io.loopstreams.fs.internal.WholeFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;

/**
 * Node's {@code fs} for streams: file read and write streams, a zero-copy {@link #copy}, and
 * promise-returning helpers. Every blocking call runs on the loop's offload pool; promises
 * settle and callbacks run on the loop of the calling thread, which must be a loop thread.
 *
 * <pre>{@code
 * EventLoop.run(loop -> Pipeline.run(Fs.createReadStream(src), Fs.createWriteStream(dst,
 *     WriteOptions.defaults().atomic(true))));
 * }</pre>
 *
 * <p>Failures are {@link io.loopstreams.core.SystemException}s with Node's code, syscall and
 * path, e.g. {@code ENOENT: no such file or directory, open '/x'}.
 */
public final class Fs {

  private Fs() {
  }

  /** A file stream's common options: bytes with {@code mark}, a name, an optional signal. */
  static StreamOptions streamOptions(long mark, String name, AbortSignal signal) {
    StreamOptions o = StreamOptions.bytes().highWaterMark(mark).name(name);
    return signal != null ? o.signal(signal) : o;
  }

  private static EventLoop loop() {
    return EventLoop.current();
  }

  // ---------------------------------------------------------------------------------------------
  // Streams

  /** The whole file in 64 KiB chunks. */
  public static FileReadStream createReadStream(Path path) {
    return createReadStream(path, ReadOptions.defaults());
  }

  /**
   * The bytes {@code [start, end]} (end inclusive) of {@code path}.
   *
   * @throws io.loopstreams.core.StreamException {@code ERR_OUT_OF_RANGE} if start &gt; end
   */
  public static FileReadStream createReadStream(Path path, ReadOptions options) {
    return new FileReadStream(loop(), Objects.requireNonNull(path, "path"),
        Objects.requireNonNull(options, "options"));
  }

  /** Creates or truncates {@code path}. */
  public static FileWriteStream createWriteStream(Path path) {
    return createWriteStream(path, WriteOptions.defaults());
  }

  /** A write stream with Node's flags, a start offset, and optional atomic rename and fsync. */
  public static FileWriteStream createWriteStream(Path path, WriteOptions options) {
    return new FileWriteStream(loop(), Objects.requireNonNull(path, "path"),
        Objects.requireNonNull(options, "options"));
  }

  // ---------------------------------------------------------------------------------------------
  // Copy

  /** {@link #copy(Path, Path, CopyOptions)} with the defaults (overwrite, not atomic). */
  public static Promise<Long> copy(Path source, Path destination) {
    return copy(source, destination, CopyOptions.defaults());
  }

  /**
   * Copies {@code source} to {@code destination} with {@code FileChannel.transferTo}
   * (copy_file_range/sendfile: the bytes never enter the JVM), in 64 MiB requests on the pool.
   * Resolves with the bytes copied.
   */
  public static Promise<Long> copy(Path source, Path destination, CopyOptions options) {
    return new CopyJob(loop(), Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(destination, "destination"), Objects.requireNonNull(options, "options"))
        .start();
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /**
   * The whole file, as a heap buffer ready to read: read to its end whatever {@code stat} says,
   * so {@code /proc} files, FIFOs and devices read like Node. A file over 2 GiB fails with
   * {@link FileTooLargeException} ({@code ERR_FS_FILE_TOO_LARGE}).
   */
  public static Promise<ByteBuffer> readFile(Path path) {
    Objects.requireNonNull(path, "path");
    return loop().offload(() -> WholeFile.read(path, FileTooLargeException::new));
  }

  /** Creates or truncates {@code path} and writes {@code data} (not consumed). */
  public static Promise<Void> writeFile(Path path, ByteBuffer data) {
    return writeFile(path, data, WriteOptions.defaults());
  }

  /** Writes {@code data} with the flags, start, atomic and fsync of {@code options}. */
  public static Promise<Void> writeFile(Path path, ByteBuffer data, WriteOptions options) {
    Objects.requireNonNull(path, "path");
    ByteBuffer bytes = data.duplicate();
    Objects.requireNonNull(options, "options");
    return loop().offload(() -> {
      writeFully(path, bytes, options);
      return null;
    });
  }

  private static void writeFully(Path path, ByteBuffer bytes, WriteOptions options) {
    OpenMode mode = switch (options.flags()) {
      case WRITE -> OpenMode.TRUNCATE;
      case APPEND -> OpenMode.APPEND;
      case CREATE_NEW -> OpenMode.CREATE_NEW;
      case MODIFY -> OpenMode.MODIFY;
    };
    if (options.atomic() && mode != OpenMode.TRUNCATE) {
      // An atomic write replaces the whole file: appending or patching in place cannot be atomic.
      throw new StreamException(ErrorCode.ERR_INVALID_ARG_VALUE,
          "options.atomic requires flag WRITE (got " + options.flags() + ")");
    }
    FileTime[] times = options.preserveTimestamps() == null ? null
        : AtomicFile.timesOf(options.preserveTimestamps());
    Target target = options.atomic() ? Target.resolve(path, "open").requireNotDirectory("open") : null;
    if (target != null && target.kind() != Target.Kind.SPECIAL) {
      AtomicFile file = AtomicFile.open(target);
      try {
        write(file.channel(), bytes, path);
        file.commit(-1, times, true, options.fsync());
      } catch (RuntimeException e) {
        try {
          file.discard();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      return;
    }
    FileChannel ch = FileOps.openWrite(path, mode, options.start());
    try {
      write(ch, bytes, path);
      if (options.fsync()) {
        ch.force(true);
      }
      if (times != null && Files.isRegularFile(path)) {
        AtomicFile.setTimes(path, times, path);
      }
    } catch (IOException e) {
      throw FileOps.map(e, "write", path);
    } finally {
      FileOps.closeQuietly(ch);
    }
  }

  private static void write(FileChannel ch, ByteBuffer bytes, Path path) {
    try {
      FileOps.writeFully(ch, bytes);
    } catch (IOException e) {
      throw FileOps.map(e, "write", path);
    }
  }

  /** Node's {@code fs.stat}: follows symbolic links. */
  public static Promise<FileStat> stat(Path path) {
    Objects.requireNonNull(path, "path");
    return loop().offload(() -> {
      try {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        int mode = -1;
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          mode = 0;
          for (PosixFilePermission p : Files.readAttributes(path, PosixFileAttributes.class).permissions()) {
            mode |= 1 << (8 - p.ordinal());
          }
        }
        return new FileStat(a.size(), a.isRegularFile(), a.isDirectory(), a.isSymbolicLink(),
            a.lastModifiedTime().toInstant(), mode);
      } catch (IOException e) {
        throw FileOps.map(e, "stat", path);
      }
    });
  }

  /** Node's {@code fs.rename}: replaces an existing file at {@code to}. */
  public static Promise<Void> rename(Path from, Path to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return loop().offload(() -> {
      if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
        throw FileOps.map(new NoSuchFileException(from.toString()), "rename", from);
      }
      FileOps.commit(from, to, true);
      return null;
    });
  }

  /** Node's {@code fs.unlink}: removes a file; a directory fails with EISDIR. */
  public static Promise<Void> unlink(Path path) {
    Objects.requireNonNull(path, "path");
    return loop().offload(() -> {
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        throw FileOps.isDirectory("unlink", path);
      }
      try {
        Files.delete(path);
      } catch (IOException e) {
        throw FileOps.map(e, "unlink", path);
      }
      return null;
    });
  }

  /** Node's {@code fs.mkdir}: one directory (EEXIST if present). */
  public static Promise<Void> mkdir(Path path) {
    return mkdir(path, false);
  }

  /** Node's {@code fs.mkdir({recursive})}: with {@code recursive}, parents too and no EEXIST. */
  public static Promise<Void> mkdir(Path path, boolean recursive) {
    Objects.requireNonNull(path, "path");
    return loop().offload(() -> {
      try {
        if (recursive) {
          Files.createDirectories(path);
        } else {
          Files.createDirectory(path);
        }
      } catch (IOException e) {
        throw FileOps.map(e, "mkdir", path);
      }
      return null;
    });
  }
}
