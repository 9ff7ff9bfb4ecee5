package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.OffloadSlot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/**
 * A byte {@link Writable} onto a blocking Java sink, an {@link OutputStream} or a {@link
 * WritableByteChannel} (Okio's {@code sink()} in reverse). Every blocking call runs on the loop's
 * offload pool, one request in flight ({@link OffloadSlot}); chunks written meanwhile go out
 * together in the next request ({@code doWritev}). A chunk's position is never moved: the sink
 * writes a view of it.
 *
 * <h2>Closing</h2>
 * {@code end()} flushes the sink (on the pool) before FINISH. With {@code close} true (the default
 * of {@link JavaIo}) the stream owns the sink and closes it, on the pool, when it is destroyed:
 * after FINISH (autoDestroy), on an error, or on {@code destroy()}, after the request in flight
 * came back; CLOSE follows. With {@code close} false the sink is flushed but stays open (e.g.
 * {@code System.out}).
 */
final class OutputStreamWritable extends Writable<ByteBuffer> {

  /** One blocking write of all of {@code src}, a flush and a close. */
  interface Sink {
    void write(ByteBuffer src) throws IOException;

    void flush() throws IOException;

    void close() throws IOException;
  }

  // immutable
  private final Sink sink;
  private final boolean close;
  private final OffloadSlot slot;

  OutputStreamWritable(EventLoop loop, Sink sink, boolean close, StreamOptions options) {
    super(loop, options);
    this.sink = sink;
    this.close = close;
    this.slot = OffloadSlot.of(loop);
  }

  static Sink of(OutputStream out) {
    return new Sink() {
      @Override
      public void write(ByteBuffer src) throws IOException {
        if (src.hasArray()) {
          out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
        } else {
          byte[] copy = new byte[src.remaining()];
          src.duplicate().get(copy);
          out.write(copy);
        }
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  static Sink of(WritableByteChannel channel) {
    return new Sink() {
      @Override
      public void write(ByteBuffer src) throws IOException {
        ByteBuffer view = src.duplicate();
        while (view.hasRemaining()) {
          channel.write(view);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  @Override
  protected void doWritev(List<ByteBuffer> chunks, Callback callback) {
    slot.submit(() -> {
      for (ByteBuffer b : chunks) {
        sink.write(b);
      }
      return null;
    }, (Object none, Throwable error) -> callback.done(error));
  }

  @Override
  protected void doFinal(Callback callback) {
    slot.submit(() -> {
      sink.flush();
      return null;
    }, (Object none, Throwable error) -> callback.done(error));
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    slot.whenIdle(() -> slot.submit(() -> {
      if (close) {
        sink.close();
      } else {
        sink.flush();
      }
      return null;
    }, (Object none, Throwable closeError) -> callback.done(error != null ? error : closeError)));
  }
}
