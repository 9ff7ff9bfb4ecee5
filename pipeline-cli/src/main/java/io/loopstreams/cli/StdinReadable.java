package io.loopstreams.cli;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The process's standard input as a byte stream. Each read is one blocking {@code read(2)} on
 * the offload pool (a pipe or terminal may block for ever; the pool thread is a daemon), up to
 * {@value #CHUNK} bytes. Bytes already read by {@link #peek} come out first.
 */
final class StdinReadable extends Readable<ByteBuffer> {

  static final int CHUNK = 256 * 1024;
  private static final FileChannel IN = new FileInputStream(FileDescriptor.in).getChannel();

  private ByteBuffer prefix;

  StdinReadable(EventLoop loop, ByteBuffer prefix) {
    super(loop, StreamOptions.bytes().highWaterMark(CHUNK).name("stdin"));
    this.prefix = prefix;
  }

  /** Reads the first chunk (blocking: call on the pool); empty at end of input. */
  static ByteBuffer peek() {
    return readChunk();
  }

  @Override
  protected void doRead(long size) {
    if (prefix != null) {
      ByteBuffer first = prefix;
      prefix = null;
      if (first.hasRemaining()) {
        push(first);
        return;
      }
      pushEnd();
      return;
    }
    loop().offload(StdinReadable::readChunk).onSettled((chunk, err) -> {
      if (err != null) {
        destroy(err);
      } else if (chunk.hasRemaining()) {
        push(chunk);
      } else {
        pushEnd();
      }
    });
  }

  private static ByteBuffer readChunk() {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    try {
      int n = IN.read(buf);
      buf.flip();
      return n < 0 ? ByteBuffer.allocate(0) : buf;
    } catch (IOException e) {
      throw SystemException.fromIOException(e, "read", "stdin");
    }
  }
}
