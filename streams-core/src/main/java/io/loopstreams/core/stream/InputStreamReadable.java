package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.OffloadSlot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A byte {@link Readable} over a blocking Java source, an {@link InputStream} or a {@link
 * ReadableByteChannel} (Okio's {@code source()} in reverse). Every blocking call runs on the
 * loop's offload pool, one request in flight ({@link OffloadSlot}); each request reads once, up
 * to the high-water mark, and pushes what it got (a short read is not the end; -1 is).
 *
 * <h2>Closing</h2>
 * With {@code close} true (the default of {@link JavaIo}) the stream owns the Java source: it is
 * closed, on the pool, when the stream is destroyed: after END (autoDestroy), on an error, or on
 * {@code destroy()}; CLOSE follows the Java close, after any read in flight came back. With
 * {@code close} false the caller keeps it open and closes it.
 *
 * <pre>
 *   idle ─doRead→ reading (pool) ─n bytes→ push, idle ─-1→ push(null) ─IOException→ destroy(err)
 *   destroy ─after the read in flight→ close on the pool → CLOSE
 * </pre>
 */
final class InputStreamReadable extends Readable<ByteBuffer> {

  /** One blocking read into {@code dst}, returning the count or -1; and its close. */
  interface Source {
    int read(ByteBuffer dst) throws IOException;

    void close() throws IOException;
  }

  // immutable
  private final Source source;
  private final boolean close;
  private final OffloadSlot slot;

  InputStreamReadable(EventLoop loop, Source source, boolean close, StreamOptions options) {
    super(loop, options);
    this.source = source;
    this.close = close;
    this.slot = OffloadSlot.of(loop);
  }

  static Source of(InputStream in) {
    return new Source() {
      @Override
      public int read(ByteBuffer dst) throws IOException {
        int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
          dst.position(dst.position() + n);
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  static Source of(ReadableByteChannel channel) {
    return new Source() {
      @Override
      public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  @Override
  protected void doRead(long size) {
    if (slot.busy()) {
      return;
    }
    int chunk = (int) Math.max(1, Math.min(size, 1 << 20));
    slot.submit(() -> {
      ByteBuffer buf = ByteBuffer.allocate(chunk);
      int n = source.read(buf);
      return n < 0 ? null : buf.flip();
    }, (ByteBuffer buf, Throwable error) -> {
      if (destroyed()) {
        return;
      }
      if (error != null) {
        destroy(error);
      } else if (buf == null) {
        push(null);
      } else {
        push(buf); // an empty read pushes nothing and asks again
      }
    });
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    if (!close) {
      slot.whenIdle(() -> callback.done(error));
      return;
    }
    slot.whenIdle(() -> slot.submit(() -> {
      source.close();
      return null;
    }, (Object none, Throwable closeError) -> callback.done(error != null ? error : closeError)));
  }
}
