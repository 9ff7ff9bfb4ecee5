package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.util.List;

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
  /** Whether a subclass overrides doWritev: then a lone chunk goes there when doWrite is absent. */
  private final boolean hasWritev;
  private final boolean allowHalfOpen;

  /** A duplex on the current loop. */
  protected Duplex(StreamOptions options) {
    this(currentLoop(), options);
  }

  /** A duplex on {@code loop}. */
  protected Duplex(EventLoop loop, StreamOptions options) {
    super(loop, options);
    this.allowHalfOpen = options.allowHalfOpen;
    boolean writev = overrides(getClass(), Duplex.class, "doWritev", List.class, Callback.class);
    this.hasWritev = writev;
    this.ws = new WritableState<>(this, options.writableStrategy, writev, options.writable) {
      @Override
      void callWrite(I chunk, Callback callback) {
        doWrite(chunk, callback);
      }

      @Override
      void callWritev(List<I> chunks, Callback callback) {
        doWritev(chunks, callback);
      }

      @Override
      void callFinal(Callback callback) {
        doFinal(callback);
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks of the writable side

  /**
   * Writes one chunk; call back when handled. If not overridden, a lone chunk goes to {@link
   * #doWritev} as a one-element list when that is overridden (Node's default {@code _write}).
   */
  protected void doWrite(I chunk, Callback callback) {
    if (hasWritev) {
      doWritev(List.of(chunk), callback); // Node's default _write
      return;
    }
    throw StreamException.methodNotImplemented("_write()");
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
  @SuppressWarnings("unchecked")
  <X> WritableState<X> writableState() {
    return (WritableState<X>) ws;
  }

  public boolean allowHalfOpen() {
    return allowHalfOpen;
  }

  @Override
  boolean writableFinishedLoose() {
    return ws.finishedOrFlushed();
  }

  @Override
  boolean writableAlive() {
    return ws.isWritable();
  }

  @Override
  int writablePendingCallbacks() {
    return ws.pendingCallbacks();
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
        if (ws.isWritable() && !ws.ended() && !destroyed()) {
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
  void onDestroyStarted() {
    if (ws != null) { // null when an already aborted signal destroys us inside the constructor
      ws.onDestroyStarted();
    }
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
