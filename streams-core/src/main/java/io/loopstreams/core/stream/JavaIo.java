package io.loopstreams.core.stream;

import io.loopstreams.core.EventLoop;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * Java I/O at the edges of a pipeline. Adapters (made on the loop thread, for the current loop):
 * {@code readable(InputStream | ReadableByteChannel)} and {@code writable(OutputStream |
 * WritableByteChannel)}, whose blocking calls run on the offload pool, one request in flight.
 * Views (made on the loop thread, used from another thread): {@link #inputStream} and {@link
 * #outputStream}, for code that only takes Java streams.
 *
 * <h2>Who closes what</h2>
 * <ul>
 *   <li>{@code readable(...)}/{@code writable(...)} own the Java object by default: it is closed
 *       when the stream is destroyed (after END or FINISH, on an error, on {@code destroy()}),
 *       on the pool, after the request in flight; CLOSE follows. Pass {@code close=false} to
 *       keep it open (a writable still flushes at the end).
 *   <li>The views are closed by their user: closing an {@code inputStream} before its end
 *       destroys the Readable; closing an {@code outputStream} ends the Writable and waits for
 *       FINISH.
 * </ul>
 */
public final class JavaIo {

  private JavaIo() {
  }

  /** A byte Readable reading {@code in} on the pool; closes it when destroyed. */
  public static Readable<ByteBuffer> readable(InputStream in) {
    return readable(in, StreamOptions.bytes(), true);
  }

  /** A byte Readable reading {@code in}, reads sized by the options' mark. */
  public static Readable<ByteBuffer> readable(InputStream in, StreamOptions options, boolean close) {
    return new InputStreamReadable(EventLoop.current(),
        InputStreamReadable.of(Objects.requireNonNull(in, "in")), close, options);
  }

  /** A byte Readable reading {@code channel} on the pool; closes it when destroyed. */
  public static Readable<ByteBuffer> readable(ReadableByteChannel channel) {
    return new InputStreamReadable(EventLoop.current(),
        InputStreamReadable.of(Objects.requireNonNull(channel, "channel")), true, StreamOptions.bytes());
  }

  /** A byte Writable writing {@code out} on the pool; flushes at the end, closes it when destroyed. */
  public static Writable<ByteBuffer> writable(OutputStream out) {
    return writable(out, StreamOptions.bytes(), true);
  }

  /** A byte Writable writing {@code out}; with {@code close} false it is only flushed. */
  public static Writable<ByteBuffer> writable(OutputStream out, StreamOptions options, boolean close) {
    return new OutputStreamWritable(EventLoop.current(),
        OutputStreamWritable.of(Objects.requireNonNull(out, "out")), close, options);
  }

  /** A byte Writable writing {@code channel} on the pool; closes it when destroyed. */
  public static Writable<ByteBuffer> writable(WritableByteChannel channel) {
    return new OutputStreamWritable(EventLoop.current(),
        OutputStreamWritable.of(Objects.requireNonNull(channel, "channel")), true, StreamOptions.bytes());
  }

  /** A blocking InputStream over {@code source}, for another thread; bounded by the source's mark. */
  public static InputStream inputStream(Readable<ByteBuffer> source) {
    return new ReadableInputStream(Objects.requireNonNull(source, "source"));
  }

  /** A blocking OutputStream into {@code destination}, for another thread, with its backpressure. */
  public static OutputStream outputStream(WritableStream<ByteBuffer> destination) {
    destination.stream().loop().checkInLoop(destination);
    return new WritableOutputStream(Objects.requireNonNull(destination, "destination"));
  }
}
