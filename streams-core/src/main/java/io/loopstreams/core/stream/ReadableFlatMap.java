package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.StreamException;
import java.util.Iterator;
import java.util.function.Function;

/**
 * {@link Readable#flatMap} and {@link Readable#flatMapIterable}: Node's {@code flatMap} with its
 * default concurrency of 1. Each source item is mapped to a {@link Readable} or an {@link
 * Iterable}, whose items are pushed in order, one inner sequence after the other; the next
 * source item is pulled only when the current inner sequence is exhausted.
 *
 * <p>Errors: a throw of {@code fn} or of the inner iterator, a null item, an inner stream's
 * error or premature close, or the source's error destroy the operator with that error, which
 * destroys the source and the current inner stream. Destroying the operator does the same.
 *
 * <pre>
 *   OUTER ─item→ INNER (iterator or stream) ─exhausted→ OUTER ─source END→ EOF pushed
 * </pre>
 *
 * @param <T> source item type
 * @param <R> result type
 */
final class ReadableFlatMap<T, R> extends Readable<R> {

  // immutable
  private final SourcePull<T> pull;
  private final Function<? super T, ?> fn;

  // loop thread only
  private Iterator<? extends R> iterator;
  private SourcePull<? extends R> inner;
  private boolean started;
  private boolean sourceEnded;
  private Throwable sourceError;
  private boolean wanted;
  private boolean draining;
  private boolean again;

  /** @param fn returns a {@code Readable<R>} or an {@code Iterable<R>} */
  ReadableFlatMap(Readable<T> source, Function<? super T, ?> fn) {
    super(source.loop, StreamOptions.objects().highWaterMark(1));
    this.pull = new SourcePull<>(source, this::drain, this::sourceDone);
    this.fn = fn;
  }

  @Override
  protected void doRead(long size) {
    wanted = true;
    if (!started) {
      started = true;
      pull.start();
    }
    drain();
  }

  private void drain() {
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    try {
      do {
        again = false;
        step();
      } while (again && !destroyed());
    } finally {
      draining = false;
    }
  }

  /** Pushes while the consumer wants data and something is available. */
  private void step() {
    while (wanted && !destroyed()) {
      R value;
      if (iterator != null) {
        try {
          if (!iterator.hasNext()) {
            iterator = null;
            continue;
          }
          value = iterator.next();
        } catch (Throwable t) {
          destroy(t);
          return;
        }
      } else if (inner != null) {
        value = inner.next();
        if (value == null) {
          return; // wait for the inner stream's READABLE or its end
        }
      } else if (!nextInner()) {
        return;
      } else {
        continue;
      }
      if (value == null) {
        destroy(StreamException.nullValues());
        return;
      }
      wanted = false;
      if (push(value)) {
        wanted = true;
      }
    }
  }

  /** Opens the inner sequence of the next source item; false when there is none (yet). */
  @SuppressWarnings("unchecked")
  private boolean nextInner() {
    if (sourceError != null) {
      destroy(sourceError);
      return false;
    }
    if (sourceEnded) {
      sourceEnded = false;
      push(null);
      return false;
    }
    T item = pull.next();
    if (item == null) {
      return false;
    }
    Object mapped;
    try {
      mapped = fn.apply(item);
    } catch (Throwable t) {
      destroy(t);
      return false;
    }
    if (mapped instanceof Readable<?> stream) {
      SourcePull<R>[] self = new SourcePull[1];
      self[0] = new SourcePull<>((Readable<R>) stream, this::drain, e -> innerDone(self[0], e));
      inner = self[0];
      inner.start();
    } else if (mapped instanceof Iterable<?> iterable) {
      iterator = (Iterator<? extends R>) iterable.iterator();
    } else {
      destroy(new StreamException(ErrorCode.ERR_INVALID_RETURN_VALUE,
          "Expected a Readable or an Iterable to be returned from the \"fn\" function, but got "
              + (mapped == null ? "null" : mapped.getClass().getName())));
      return false;
    }
    return true;
  }

  private void innerDone(SourcePull<?> which, Throwable error) {
    if (which != inner || destroyed()) {
      return;
    }
    if (error != null) {
      destroy(error);
      return;
    }
    inner = null;
    drain();
  }

  private void sourceDone(Throwable error) {
    if (error != null) {
      sourceError = error;
    } else {
      sourceEnded = true;
    }
    drain();
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    iterator = null;
    if (inner != null) {
      inner.close();
      inner = null;
    }
    pull.close();
    callback.done(error);
  }
}
