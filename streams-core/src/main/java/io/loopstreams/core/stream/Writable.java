package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.buffer.ChunkLedger;
import java.util.List;
import java.util.Objects;

/**
 * Node's {@code stream.Writable}: a sink with a high-water-mark buffer. Implement {@link
 * #doWrite} (and optionally {@link #doWritev} for batches, {@link #doFinal} for a last flush);
 * the stream buffers writes while one is in flight, reports backpressure through {@code
 * write()}'s return value and DRAIN, and emits FINISH then CLOSE after {@code end()}.
 *
 * <h2>Differences from Node</h2>
 * No string chunks or encodings; {@code write(null)} throws {@code ERR_STREAM_NULL_VALUES}. A
 * hook that throws fails its write like a callback with that error (Node lets the throw escape
 * to the caller of {@code write}).
 *
 * @param <T> chunk type
 */
public abstract non-sealed class Writable<T> extends Stream implements WritableStream<T> {

  final WritableState<T> ws;

  /** A writable on the current loop. */
  protected Writable(StreamOptions options) {
    this(currentLoop(), options);
  }

  /** A writable on {@code loop}. */
  protected Writable(EventLoop loop, StreamOptions options) {
    super(loop, options);
    this.ws = new WritableState<>(this, options.writableStrategy, true, this::doWrite,
        this::doWritev, this::doFinal);
  }

  /** What a lambda-built writable does with each chunk. */
  @FunctionalInterface
  public interface WriteFunction<T> {
    void write(T chunk, Callback callback) throws Exception;
  }

  /** A writable on the current loop that hands each chunk to {@code fn}. */
  public static <T> Writable<T> create(StreamOptions options, WriteFunction<? super T> fn) {
    Objects.requireNonNull(fn, "fn");
    return new Writable<T>(options) {
      @Override
      protected void doWrite(T chunk, Callback callback) {
        try {
          fn.write(chunk, callback);
        } catch (Exception e) {
          callback.done(e);
        }
      }
    };
  }

  /**
   * Declares that this stream adopts pooled chunks (docs/buffers.md): a pooled source piped into
   * it alone hands each chunk's entry over to {@code ledger} before writing it. The stream must
   * then {@link ChunkLedger#release release} each chunk once its write completed (or failed) and
   * keep no reference to it afterwards, and {@link ChunkLedger#releaseAll() release all} once it
   * can touch none any more (after its last write, in {@code doDestroy}). Call it from the
   * constructor of a class that does not override {@code write}.
   */
  protected final void adoptPooledChunks(ChunkLedger ledger) {
    ws.adoptedChunks = Objects.requireNonNull(ledger, "ledger");
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks

  /**
   * Writes one chunk; call back when it is handled. At most one write is in flight. If not
   * overridden, a lone chunk goes to {@link #doWritev} as a one-element list when that is
   * overridden (Node's default {@code _write}).
   */
  protected void doWrite(T chunk, Callback callback) {
    ws.writeAsWritev(chunk, callback);
  }

  /**
   * Writes several buffered chunks at once (after {@code uncork()} or while a write was in
   * flight). Only used when overridden; otherwise buffered chunks go to {@link #doWrite} one by
   * one.
   */
  protected void doWritev(List<T> chunks, Callback callback) {
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





  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  @Override
  public Writable<T> destroy() {
    super.destroy();
    return this;
  }

  @Override
  public Writable<T> destroy(Throwable error) {
    super.destroy(error);
    return this;
  }

  @Override
  void afterConstruct() {
    ws.afterConstruct();
  }

  @Override
  void discardBuffered() {
    ws.discardBuffered();
  }

  @Override
  void onDestroyStarted() {
    ws.onDestroyStarted();
  }

  @Override
  boolean hasReadableSide() {
    return false;
  }

  @Override
  boolean hasWritableSide() {
    return true;
  }

  @Override
  public StreamSnapshot snapshot() {
    return StreamSnapshot.of(this, ws.flags() + lifeFlags(), -1, ws.length);
  }
}
