package io.loopstreams.core.stream;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * A byte Writable seen from another thread as a blocking {@link OutputStream}, for code that only
 * writes Java streams ({@link JavaIo#outputStream}). Bytes are copied into chunks of up to 16 KiB;
 * each chunk hops to the loop with {@code loop.execute} and is written there. The writing thread
 * then waits until the destination accepts more: at once when {@code write} returned true, else
 * until DRAIN. So the bytes in flight stay within the destination's mark plus one chunk.
 *
 * <p>{@link #flush()} sends the partial chunk; {@link #close()} sends it and ends the destination,
 * waiting for the end's callback (Node's finish callbacks run just before FINISH). A failed write, or a destination destroyed meanwhile, makes the next call
 * throw an {@link IOException}: the view listens to the destination's ERROR and reports it to the
 * writing thread, so an error is not an unhandled one. Called on the loop thread, every method throws {@link
 * IllegalStateException} (it would wait for itself). One writing thread at a time.
 */
final class WritableOutputStream extends OutputStream {

  static final int CHUNK = 16 * 1024;

  // immutable
  private final WritableStream<ByteBuffer> dest;
  private final EventLoop loop;

  // any thread (set on the loop, read by the writer)
  private volatile Throwable error;

  // writing thread only
  private ByteBuffer pending;
  private boolean closed;

  WritableOutputStream(WritableStream<ByteBuffer> dest) {
    this.dest = dest;
    this.loop = dest.stream().loop();
    // The writing thread hears the destination's errors (as IOExceptions): they are handled.
    dest.stream().on(Stream.ERROR, (Throwable e) -> error = e);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    while (len > 0) {
      if (pending == null) {
        pending = ByteBuffer.allocate(CHUNK);
      }
      int n = Math.min(len, pending.remaining());
      pending.put(b, off, n);
      off += n;
      len -= n;
      if (!pending.hasRemaining()) {
        sendPending();
      }
    }
  }

  @Override
  public void flush() throws IOException {
    ensureOpen();
    sendPending();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    ensureOpen();
    sendPending();
    closed = true;
    CompletableFuture<Void> finished = new CompletableFuture<>();
    hop(() -> dest.end(err -> complete(finished, err)), finished);
    await(finished);
  }

  private void ensureOpen() throws IOException {
    if (loop.inLoop()) {
      throw new IllegalStateException("a blocking write into " + dest.stream().name()
          + " on its own loop thread " + Thread.currentThread().getName()
          + " would never return: write from another thread");
    }
    if (closed) {
      throw new IOException("stream closed");
    }
    Throwable e = error;
    if (e != null) {
      throw e instanceof IOException io ? io : new IOException(e);
    }
  }

  private void sendPending() throws IOException {
    if (pending == null || pending.position() == 0) {
      return;
    }
    ByteBuffer chunk = pending.flip();
    pending = null;
    CompletableFuture<Void> accepted = new CompletableFuture<>();
    hop(() -> writeOnLoop(chunk, accepted), accepted);
    await(accepted);
  }

  /** On the loop: writes, then completes {@code accepted} when the destination takes more. */
  private void writeOnLoop(ByteBuffer chunk, CompletableFuture<Void> accepted) {
    Stream s = dest.stream();
    if (s.destroyed() || !dest.isWritable()) {
      complete(accepted, s.errored() != null ? s.errored() : StreamException.destroyed("write"));
      return;
    }
    boolean more = dest.write(chunk, err -> {
      if (err != null) {
        complete(accepted, err);
      }
    });
    if (more) {
      accepted.complete(null);
      return;
    }
    Runnable[] listeners = new Runnable[2];
    listeners[0] = () -> {
      s.off(Stream.CLOSE, listeners[1]);
      accepted.complete(null);
    };
    listeners[1] = () -> {
      s.off(Stream.DRAIN, listeners[0]);
      complete(accepted, s.errored() != null ? s.errored() : StreamException.prematureClose());
    };
    s.once(Stream.DRAIN, listeners[0]);
    s.once(Stream.CLOSE, listeners[1]);
  }

  private void complete(CompletableFuture<Void> f, Throwable err) {
    if (err == null) {
      f.complete(null);
    } else {
      error = err;
      f.completeExceptionally(err);
    }
  }

  private void hop(Runnable onLoop, CompletableFuture<Void> f) {
    try {
      loop.execute(onLoop);
    } catch (RejectedExecutionException e) {
      complete(f, e);
    }
  }

  private void await(CompletableFuture<Void> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the destination");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof IOException io ? io : new IOException(c);
    }
  }
}
