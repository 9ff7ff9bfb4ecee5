package io.loopstreams.cli;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Writable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.List;

/**
 * Standard output (a blocking channel) as a byte sink. Chunks buffered while a write is in flight go out together in one gathering write
 * on the offload pool. Standard output's descriptor is shared, not reopened, so {@code >> file}
 * keeps appending and a pipe is never truncated.
 */
final class ChannelWritable extends Writable<ByteBuffer> {

  static final GatheringByteChannel STDOUT = new FileOutputStream(FileDescriptor.out).getChannel();

  private final GatheringByteChannel out;
  private final String label;
  private long written;

  ChannelWritable(EventLoop loop, GatheringByteChannel out, String label) {
    super(loop, StreamOptions.bytes().highWaterMark(1 << 20).name(label));
    this.out = out;
    this.label = label;
  }

  long bytesWritten() {
    return written;
  }

  @Override
  protected void doWritev(List<ByteBuffer> chunks, Callback callback) {
    ByteBuffer[] bufs = new ByteBuffer[chunks.size()];
    for (int i = 0; i < bufs.length; i++) {
      bufs[i] = chunks.get(i).duplicate(); // the writer's positions stay untouched
    }
    loop().offload(() -> writeAll(out, bufs, label)).onSettled((n, err) -> {
      if (err == null) {
        written += n;
      }
      callback.done(err);
    });
  }

  static long writeAll(GatheringByteChannel channel, ByteBuffer[] bufs, String label) {
    long total = 0;
    try {
      for (int i = 0; i < bufs.length; ) {
        total += channel.write(bufs, i, bufs.length - i);
        while (i < bufs.length && !bufs[i].hasRemaining()) {
          i++;
        }
      }
      return total;
    } catch (IOException e) {
      throw SystemException.fromIOException(e, "write", label);
    }
  }
}
