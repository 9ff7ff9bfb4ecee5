package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Node's {@code stream.Transform}: a {@link Duplex} whose output is computed from its input.
 * Implement {@link #doTransform}: {@link #push} zero or more outputs, then call back. {@link
 * #doFlush} runs after the writable side ends, before the readable side ends.
 *
 * <p>Backpressure: when the readable side is at its mark after a transform pushed, the callback
 * is held until the consumer reads, so the writable side buffers further chunks and {@code
 * write()} returns false.
 *
 * @param <I> input chunk type
 * @param <O> output chunk type
 */
public abstract class Transform<I, O> extends Duplex<I, O> {

  /** The callback of the last transform, held while the readable side is full. */
  private Callback held;
  private final TransformDone transformDone = new TransformDone();

  protected Transform(StreamOptions options) {
    this(currentLoop(), options);
  }

  protected Transform(EventLoop loop, StreamOptions options) {
    super(loop, unbufferedWritableIfUnbufferedReadable(options));
    // A transform's pushes never happen inside doRead, so the first push is not "sync".
    rs &= ~IN_DO_READ;
  }

  /**
   * Node's transform.js: a readable mark of 0 also sets the writable mark to 0 (unless one was
   * given), so the transform does not buffer on both sides. A writable mark equal to the default
   * counts as not given.
   */
  private static StreamOptions unbufferedWritableIfUnbufferedReadable(StreamOptions options) {
    QueuingStrategy w = options.writableStrategy;
    long defaultMark = w.isBytes() ? QueuingStrategy.DEFAULT_BYTES : QueuingStrategy.DEFAULT_OBJECTS;
    if (options.readableStrategy.highWaterMark() == 0 && w.highWaterMark() == defaultMark) {
      return options.writableHighWaterMark(0);
    }
    return options;
  }

  /** Transforms one chunk: push outputs, then call back (with an error to fail the stream). */
  protected abstract void doTransform(I chunk, Callback callback);

  /** Pushes what remains after the last input; call back when done. */
  protected void doFlush(Callback callback) {
    callback.done(null);
  }

  /** A transform on the current loop applying {@code fn} to each chunk (null results dropped). */
  public static <I, O> Transform<I, O> map(StreamOptions options, Function<? super I, ? extends O> fn) {
    Objects.requireNonNull(fn, "fn");
    return new Transform<I, O>(options) {
      @Override
      protected void doTransform(I chunk, Callback callback) {
        O out = fn.apply(chunk);
        if (out != null) {
          push(out);
        }
        callback.done(null);
      }
    };
  }

  @Override
  protected final void doWrite(I chunk, Callback callback) {
    TransformDone done = transformDone;
    if (done.write != callback) {
      done.write = callback; // the same writable-side callback every time: no store then
    }
    done.armed = true;
    done.before = length;
    doTransform(chunk, done);
  }

  /**
   * The callback handed to {@link #doTransform}: one object per stream, reused for every chunk
   * (at most one transform is in flight), so a chunk allocates nothing here. A second call for
   * the same chunk is {@code ERR_MULTIPLE_CALLBACK}.
   */
  private final class TransformDone implements Callback {
    /** The write's callback; kept after the call (it is the same one for every chunk). */
    Callback write;
    /** Whether the transform of the current chunk has not called back yet. */
    boolean armed;
    long before;

    @Override
    public void done(Throwable err) {
      if (!armed) {
        errorOrDestroy(err != null ? err : StreamException.multipleCallback(), false);
        return;
      }
      armed = false;
      Callback cb = write;
      if (err != null) {
        cb.done(err);
      } else if (before == length || length < hwm || ws.endCalled()) {
        cb.done(null);
      } else {
        held = cb;
      }
    }
  }

  @Override
  protected final void doRead(long size) {
    Callback cb = held;
    if (cb != null) {
      held = null;
      cb.done(null);
    }
  }

  @Override
  protected final void doFinal(Callback callback) {
    if (destroyed()) {
      push(null);
      callback.done(null);
      return;
    }
    doFlush(err -> {
      if (err != null) {
        callback.done(err);
        return;
      }
      push(null);
      callback.done(null);
    });
  }
}
