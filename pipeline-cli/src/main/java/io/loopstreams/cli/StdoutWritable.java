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
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * The process's standard output as a byte sink. Chunks buffered while a write is in flight go
 * out together in one gathering write on the offload pool. The descriptor is shared, not
 * reopened, so {@code >> file} keeps appending and a pipe is never truncated.
 */
final class StdoutWritable extends Writable<ByteBuffer> {

  private static final FileChannel OUT = new FileOutputStream(FileDescriptor.out).getChannel();

  private long written;

  StdoutWritable(EventLoop loop) {
    super(loop, StreamOptions.bytes().highWaterMark(1 << 20).name("stdout"));
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
    loop().offload(() -> writeAll(bufs)).onSettled((n, err) -> {
      if (err == null) {
        written += n;
      }
      callback.done(err);
    });
  }

  private static long writeAll(ByteBuffer[] bufs) {
    long total = 0;
    try {
      for (int i = 0; i < bufs.length; ) {
        total += OUT.write(bufs, i, bufs.length - i);
        while (i < bufs.length && !bufs[i].hasRemaining()) {
          i++;
        }
      }
      return total;
    } catch (IOException e) {
      throw SystemException.fromIOException(e, "write", "stdout");
    }
  }
}
