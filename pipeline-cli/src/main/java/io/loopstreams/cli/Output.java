package io.loopstreams.cli;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Writable;
import io.loopstreams.core.stream.WritableStream;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.WriteOptions;
import io.loopstreams.net.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Function;

/**
 * Where a transfer writes: a file (atomically: a temp file next to it, renamed on success,
 * removed on failure and on Ctrl-C), standard output, or nowhere ({@code -t}).
 *
 * <p>A file is never replaced without {@code force}; on success it gets the input's mtime and
 * mode, as gzip does.
 */
final class Output {

  enum Kind { FILE, STDOUT, DISCARD, SOCKET }

  private final Kind kind;
  private final boolean force;
  private Path path; // a file's name may still change until open(): gunzip -N
  private FileTime mtime; // set after the rename when not the input's (gunzip -N)
  private Function<EventLoop, Socket> connect;
  private String socketLabel;
  private Reply reply; // loop thread only
  private String answer;

  private Output(Kind kind, Path path, boolean force) {
    this.kind = kind;
    this.path = path;
    this.force = force;
  }

  /**
   * A connection to a {@code pipeline recv}, opened on the loop by {@code connect} when the
   * transfer starts; the pipeline's end half-closes it, and {@link #finish} succeeds only on the
   * receiver's {@code OK}.
   */
  static Output socket(String label, Function<EventLoop, Socket> connect) {
    Output o = new Output(Kind.SOCKET, null, false);
    o.connect = connect;
    o.socketLabel = label;
    return o;
  }

  static Output file(Path path, boolean force) {
    return new Output(Kind.FILE, path, force);
  }

  static Output stdout() {
    return new Output(Kind.STDOUT, null, false);
  }

  static Output discard() {
    return new Output(Kind.DISCARD, null, false);
  }

  Kind kind() {
    return kind;
  }

  Path path() {
    return path;
  }

  /**
   * Names the file after all, once the input's first bytes told the name ({@code gunzip -N});
   * the refusal checks run again for the new name.
   */
  void retarget(Path newPath, Input in) {
    path = newPath;
    check(in, false, true);
  }

  /** The modification time the file gets after the rename, instead of the input's. */
  void mtime(FileTime time) {
    mtime = time;
  }

  String label() {
    return switch (kind) {
      case FILE -> path.toString();
      case STDOUT -> "stdout";
      case DISCARD -> "(none)";
      case SOCKET -> socketLabel;
    };
  }

  /**
   * Refuses before anything is read: an existing file without {@code force}, the input
   * itself, compressed data for a terminal without {@code force}.
   */
  void check(Input in, boolean compressed, boolean forceTerminal) {
    if (kind == Kind.FILE) {
      if (!force && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new CliFailure(path.toString(), "already exists; not overwritten (use -f to overwrite)");
      }
      if (in.path() != null && sameFile(in.path(), path)) {
        throw new CliFailure(path.toString(), "input and output are the same file");
      }
    }
    if (kind == Kind.STDOUT && compressed && !forceTerminal && Tty.isTerminal(1)) {
      throw new CliFailure(null,
          "compressed data not written to a terminal (use -f to force, or -o FILE)");
    }
  }

  WritableStream<ByteBuffer> open(EventLoop loop, Input in) {
    return switch (kind) {
      case FILE -> Fs.createWriteStream(path, WriteOptions.defaults().atomic(true)
          .flags(force ? WriteOptions.Flag.WRITE : WriteOptions.Flag.CREATE_NEW)
          .preserveTimestamps(in.path()));
      case STDOUT -> new ChannelWritable(loop, ChannelWritable.STDOUT, "stdout");
      case SOCKET -> {
        Socket socket = connect.apply(loop);
        reply = new Reply(socket);
        yield socket;
      }
      case DISCARD -> Writable.create(StreamOptions.bytes().name("discard"), (chunk, done) -> done.done());
    };
  }

  /**
   * After the pipeline succeeded: for a file, the input's mode (as gzip gives it) after the
   * rename; for a connection, the receiver's answer, which must be {@code OK}.
   */
  Promise<Void> finish(EventLoop loop, Input in) {
    if (kind == Kind.SOCKET) {
      return reply.line().map(line -> {
        if (!line.startsWith("OK")) {
          throw new CliFailure(socketLabel, line.isEmpty()
              ? "the receiver closed the connection without confirming" : line.replaceFirst("^ERR ", ""));
        }
        answer = line;
        return null;
      });
    }
    if (kind != Kind.FILE || in.path() == null || !Files.isRegularFile(in.path())) {
      return Promise.resolved(loop, null);
    }
    return loop.offload(() -> {
      try {
        Files.setPosixFilePermissions(path, Files.getPosixFilePermissions(in.path()));
        if (mtime != null) {
          Files.setLastModifiedTime(path, mtime);
        }
      } catch (IOException e) {
        throw SystemException.fromIOException(e, "chmod", path.toString());
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the default mode stays
      }
      return null;
    });
  }

  /** The receiver's {@code OK} line, once {@link #finish} succeeded. */
  String answer() {
    return answer;
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
