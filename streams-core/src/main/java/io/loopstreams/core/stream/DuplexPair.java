package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;

/**
 * Node's {@code Duplex.from({ readable, writable })}: one duplex whose writes go to
 * {@code writable} and whose reads come from {@code readable}, with both sides' backpressure
 * passed through (a write is acknowledged when {@code writable} accepts it, or after its DRAIN;
 * a push past the mark pauses {@code readable} until the next {@code doRead}). An error or a
 * premature close of either inner stream destroys the pair; destroying the pair destroys both.
 */
final class DuplexPair<I, O> extends Duplex<I, O> {

  private final Readable<O> readable;
  private final WritableStream<I> writable;
  /** The write callback waiting for the writable's DRAIN; or null. */
  private Callback onDrain;
  /** The final callback, waiting for the writable's FINISH; or null. */
  private Callback finalCallback;

  DuplexPair(Readable<O> readable, WritableStream<I> writable) {
    super(readable.loop(), optionsOf(readable, writable));
    this.readable = readable;
    this.writable = writable;
    readable.pause();
    readable.onData(chunk -> {
      if (!push(chunk)) {
        readable.pause();
      }
    });
    readable.once(END, this::pushEnd);
    // Registered first, as Node's duplexify does: the next write starts before other listeners.
    writable.stream().on(DRAIN, () -> {
      Callback cb = onDrain;
      if (cb != null) {
        onDrain = null;
        cb.done(null);
      }
    });
    Finished.finished(readable, true, false, true, e -> {
      if (e != null) {
        destroy(e);
      }
    });
    Finished.finished(writable.stream(), false, true, true, e -> {
      if (e != null) {
        destroy(e);
      } else if (finalCallback != null) {
        Callback cb = finalCallback;
        finalCallback = null;
        cb.done(null);
      }
    });
  }

  private static StreamOptions optionsOf(Readable<?> readable, WritableStream<?> writable) {
    // Each side takes its inner stream's mode with the default mark, as Node's duplexify does.
    QueuingStrategy r = readable.readableObjectMode() ? QueuingStrategy.count() : QueuingStrategy.bytes();
    QueuingStrategy w = writable.writableObjectMode() ? QueuingStrategy.count() : QueuingStrategy.bytes();
    return StreamOptions.bytes().strategy(r, w);
  }

  @Override
  protected void doRead(long size) {
    readable.resume();
  }

  @Override
  protected void doWrite(I chunk, Callback callback) {
    if (writable.write(chunk)) {
      callback.done(null);
    } else {
      onDrain = callback;
    }
  }

  @Override
  protected void doFinal(Callback callback) {
    finalCallback = callback;
    writable.end();
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    readable.destroy(error);
    writable.stream().destroy(error);
    callback.done(error);
  }
}
