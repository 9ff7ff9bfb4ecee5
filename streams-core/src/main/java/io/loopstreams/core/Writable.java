package io.loopstreams.core;

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
    boolean writev = overrides(getClass(), Writable.class, "doWritev", List.class, Callback.class);
    this.ws = new WritableState<>(this, options.writableStrategy, writev, true) {
      @Override
      void callWrite(T chunk, Callback callback) {
        doWrite(chunk, callback);
      }

      @Override
      void callWritev(List<T> chunks, Callback callback) {
        doWritev(chunks, callback);
      }

      @Override
      void callFinal(Callback callback) {
        doFinal(callback);
      }
    };
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

  // ---------------------------------------------------------------------------------------------
  // Hooks

  /** Writes one chunk; call back when it is handled. At most one write is in flight. */
  protected void doWrite(T chunk, Callback callback) {
    throw StreamException.methodNotImplemented("_write()");
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
  // WritableStream

  @Override
  public boolean write(T chunk, Callback callback) {
    loop.checkInLoop(this);
    return ws.write(chunk, callback);
  }

  @Override
  public Writable<T> end(T chunk, Callback callback) {
    loop.checkInLoop(this);
    ws.end(chunk, callback);
    return this;
  }

  @Override
  public void cork() {
    loop.checkInLoop(this);
    ws.cork();
  }

  @Override
  public void uncork() {
    loop.checkInLoop(this);
    ws.uncork();
  }

  @Override
  public boolean isWritable() {
    return ws.isWritable();
  }

  @Override
  public long writableLength() {
    return ws.length;
  }

  @Override
  public long writableHighWaterMark() {
    return ws.hwm;
  }

  @Override
  public boolean writableNeedDrain() {
    return ws.needDrain();
  }

  @Override
  public boolean writableEnded() {
    return ws.ended();
  }

  @Override
  public boolean writableFinished() {
    return ws.finished();
  }

  @Override
  public int writableCorked() {
    return ws.corked;
  }

  @Override
  public boolean writableObjectMode() {
    return ws.objectMode;
  }

  /** Destroyed or errored before FINISH. */
  public boolean writableAborted() {
    return (destroyed() || errored != null) && !ws.finished();
  }

  @Override
  boolean writableFinishedLoose() {
    return ws.finishedOrFlushed();
  }

  @Override
  boolean writableAlive() {
    return ws.isWritable();
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
