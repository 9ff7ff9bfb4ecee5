package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.buffer.ChunkLedger;
import java.util.List;
import java.util.Objects;

/**
 * Node's {@code stream.Duplex}: a {@link Readable} of {@code O} and a {@link WritableStream} of
 * {@code I} in one object with one lifecycle (destroy destroys both sides). Implement {@link
 * #doRead} for the readable side and {@link #doWrite} (optionally {@link #doWritev}, {@link
 * #doFinal}) for the writable side.
 *
 * <p>{@code allowHalfOpen} (default true): when false, the writable side is ended on the tick
 * after the readable side's END. The stream auto-destroys once both sides are done.
 *
 * @param <I> what is written to it
 * @param <O> what is read from it
 */
public abstract non-sealed class Duplex<I, O> extends Readable<O> implements WritableStream<I> {

  final WritableState<I> ws;
  private final boolean allowHalfOpen;

  /** A duplex on the current loop. */
  protected Duplex(StreamOptions options) {
    this(currentLoop(), options);
  }

  /** A duplex on {@code loop}. */
  protected Duplex(EventLoop loop, StreamOptions options) {
    super(loop, options);
    this.allowHalfOpen = options.allowHalfOpen;
    this.ws = new WritableState<>(this, options.writableStrategy, options.writable, this::doWrite,
        this::doWritev, this::doFinal);
  }

  /**
   * Node's {@code Duplex.from({ readable, writable })}: one duplex over two streams of the same
   * loop, writes going to {@code writable} and reads coming from {@code readable}, backpressure
   * and errors passed through, destroy destroying both. The shape of a socket built from an
   * inbound and an outbound stream, or a process's stdout and stdin.
   */
  public static <I, O> Duplex<I, O> from(Readable<O> readable, WritableStream<I> writable) {
    Objects.requireNonNull(readable, "readable");
    Objects.requireNonNull(writable, "writable");
    if (readable.loop() != writable.stream().loop()) {
      throw new IllegalArgumentException("readable and writable belong to different loops");
    }
    return new DuplexPair<>(readable, writable);
  }

  /**
   * Declares that this stream's writable side adopts pooled chunks (docs/buffers.md), as {@link
   * Writable#adoptPooledChunks} does for a writable: a pooled source piped into it alone hands
   * each chunk's entry over to {@code ledger} before writing it. Only for a duplex that
   * <em>consumes</em> what it is written (a compressor, a checksum): it never pushes a written
   * chunk, or a view of one, to its readable side, and keeps no reference to a chunk once it
   * {@link ChunkLedger#release released} it. It releases each chunk once it is done reading it,
   * but never inside the write call that delivered it (other observers of the same DATA event
   * run after that call returns), and {@link ChunkLedger#releaseAll() all} in {@code doDestroy}
   * once nothing can read them any more. Call it from the constructor of a class that does not
   * override {@code write}. ({@link PassThrough} is the one duplex that passes chunks on: it adopts
   * and tracks them with one ledger, so their entries move on with them.)
   */
  protected final void adoptPooledChunks(ChunkLedger ledger) {
    ws.adoptedChunks = Objects.requireNonNull(ledger, "ledger");
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks of the writable side

  /**
   * Writes one chunk; call back when handled. If not overridden, a lone chunk goes to {@link
   * #doWritev} as a one-element list when that is overridden (Node's default {@code _write}).
   */
  protected void doWrite(I chunk, Callback callback) {
    ws.writeAsWritev(chunk, callback);
  }

  /** Writes several buffered chunks at once; only used when overridden. */
  protected void doWritev(List<I> chunks, Callback callback) {
    throw StreamException.methodNotImplemented("_writev()");
  }

  /** Called after {@code end()} once all writes completed, before FINISH. */
  protected void doFinal(Callback callback) {
    callback.done(null);
  }

  // ---------------------------------------------------------------------------------------------
  // WritableStream: the methods are defaults of the interface, over this state

  @Override
  WritableState<?> writableSide() {
    return ws;
  }


  public boolean allowHalfOpen() {
    return allowHalfOpen;
  }




  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  @Override
  public Duplex<I, O> destroy() {
    super.destroy();
    return this;
  }

  @Override
  public Duplex<I, O> destroy(Throwable error) {
    super.destroy(error);
    return this;
  }

  @Override
  void afterEnd() {
    if (ws.isWritable() && !allowHalfOpen) {
      loop.nextTick(() -> {
        if (ws.isWritable() && !ws.endCalled() && !destroyed()) {
          ws.end(null, null);
        }
      });
    } else if (autoDestroy() && (!ws.enabled() || ws.finished())) {
      destroy();
    }
  }

  @Override
  boolean readableSideDone() {
    return !hasReadableSide() || readableEnded();
  }

  @Override
  void afterConstruct() {
    super.afterConstruct();
    ws.afterConstruct();
  }

  @Override
  void discardBuffered() {
    super.discardBuffered();
    ws.discardBuffered();
  }

  @Override
  void onDestroyStarted() {
    ws.onDestroyStarted();
  }

  @Override
  boolean hasWritableSide() {
    return ws.enabled();
  }

  @Override
  public StreamSnapshot snapshot() {
    return StreamSnapshot.of(this, readableFlags() + ws.flags() + lifeFlags(), length, ws.length);
  }
}
