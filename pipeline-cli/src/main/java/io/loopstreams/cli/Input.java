package io.loopstreams.cli;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.ReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a transfer reads: a file, or standard input ({@code path == null}). The first bytes can
 * be looked at before the stream opens (content detection); for standard input they are kept
 * and come out first.
 */
final class Input {

  /**
   * Bytes looked at by {@link #head}: enough for every magic number we know and for a gzip
   * header with its stored name ({@code gunzip -N}).
   */
  static final int HEAD = 4096;

  /** Bytes per file read. */
  static final int READ_SIZE = 1 << 20;

  private final Path path;
  private final ReadableByteChannel channel;
  private final Readable<ByteBuffer> stream;
  private final String channelLabel;
  private ByteBuffer stdinPrefix;

  private Input(Path path, ReadableByteChannel channel, Readable<ByteBuffer> stream, String channelLabel) {
    this.path = path;
    this.channel = channel;
    this.stream = stream;
    this.channelLabel = channelLabel;
  }

  static Input of(String name) {
    return name.equals("-") ? new Input(null, ChannelReadable.STDIN, null, "stdin") : file(Path.of(name));
  }

  static Input file(Path path) {
    return new Input(path, null, null, null);
  }

  /** A connection (or any stream already open): read as it comes, nothing looked at in advance. */
  static Input stream(Readable<ByteBuffer> stream, String label) {
    return new Input(null, null, stream, label);
  }

  /** The file, or null for standard input. */
  Path path() {
    return path;
  }

  boolean isStdin() {
    return channel == ChannelReadable.STDIN;
  }

  /** How the input is named in messages: the path as given, or {@code stdin} (gzip's word). */
  String label() {
    return path == null ? channelLabel : path.toString();
  }

  /** The size if known (a regular file), else -1. */
  long size() {
    if (path == null) {
      return -1;
    }
    try {
      return Files.isRegularFile(path) ? Files.size(path) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** The first bytes (up to {@link #HEAD}; fewer at end of input), read on the pool. */
  Promise<ByteBuffer> head(EventLoop loop) {
    if (stream != null) {
      return Promise.resolved(loop, ByteBuffer.allocate(0));
    }
    if (path == null) {
      return loop.offload(() -> {
        ByteBuffer first = ChannelReadable.readChunk(channel, channelLabel);
        stdinPrefix = first;
        return first.duplicate();
      });
    }
    return loop.offload(() -> {
      try (FileChannel ch = FileChannel.open(path)) {
        ByteBuffer buf = ByteBuffer.allocate(HEAD);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
          // a short read of a pipe or device: keep reading up to HEAD
        }
        return buf.flip();
      } catch (IOException e) {
        throw SystemException.fromIOException(e, "open", path.toString());
      }
    });
  }

  Readable<ByteBuffer> open(EventLoop loop) {
    if (stream != null) {
      return stream;
    }
    if (path == null) {
      ByteBuffer prefix = stdinPrefix;
      stdinPrefix = null;
      return new ChannelReadable(loop, channel, channelLabel, prefix);
    }
    // 1 MiB reads (Node's 64 KiB would be 16 loop round trips per MiB): the command moves big
    // files, and a block-sized read feeds parallel gzip a whole block per round trip
    return Fs.createReadStream(path, ReadOptions.defaults().highWaterMark(READ_SIZE));
  }
}
