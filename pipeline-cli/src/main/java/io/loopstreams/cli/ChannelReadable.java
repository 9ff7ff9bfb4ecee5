package io.loopstreams.cli;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Standard input (a blocking channel) as a byte stream. Each read is one blocking {@code read(2)} on the offload pool, up to {@value
 * #CHUNK} bytes; a chunk already read (by {@link #readChunk}, to look at the first bytes)
 * comes out first.
 */
final class ChannelReadable extends Readable<ByteBuffer> {

  static final int CHUNK = 256 * 1024;
  static final ReadableByteChannel STDIN = new FileInputStream(FileDescriptor.in).getChannel();

  private final ReadableByteChannel channel;
  private final String label;
  private ByteBuffer prefix;

  ChannelReadable(EventLoop loop, ReadableByteChannel channel, String label, ByteBuffer prefix) {
    super(loop, StreamOptions.bytes().highWaterMark(CHUNK).name(label));
    this.channel = channel;
    this.label = label;
    this.prefix = prefix;
  }

  @Override
  protected void doRead(long size) {
    if (prefix != null) {
      ByteBuffer first = prefix;
      prefix = null;
      if (first.hasRemaining()) {
        push(first);
      } else {
        pushEnd();
      }
      return;
    }
    loop().offload(() -> readChunk(channel, label)).onSettled((chunk, err) -> {
      if (err != null) {
        destroy(err);
      } else if (chunk.hasRemaining()) {
        push(chunk);
      } else {
        pushEnd();
      }
    });
  }

  /** Reads one chunk, blocking (call on the pool); empty at end of input. */
  static ByteBuffer readChunk(ReadableByteChannel channel, String label) {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    try {
      int n = channel.read(buf);
      buf.flip();
      return n < 0 ? ByteBuffer.allocate(0) : buf;
    } catch (IOException e) {
      throw SystemException.fromIOException(e, "read", label);
    }
  }
}
