package io.loopstreams.core.stream;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.Promise;
import io.loopstreams.core.StreamException;
import java.util.function.BiFunction;

/**
 * {@link Readable#reduce}, {@link Readable#toList} and the sync {@link Readable#forEach}: Node's
 * {@code reduce}, {@code toArray} and {@code forEach}, which all consume the source to its end
 * and settle one promise.
 *
 * <p>The promise fulfils after the source's END with the accumulated value; it rejects with the
 * source's error (or premature close), or with what the reducer threw, in which case the source
 * is destroyed (without an error, as Node's iterator {@code return()} does). Without an initial
 * value the first item is the seed, and an empty source rejects with {@code ERR_MISSING_ARGS}
 * "Reduce of an empty stream requires an initial value".
 *
 * <p>Items are consumed synchronously as they become readable: the reducer runs on the loop, so
 * keep it short.
 *
 * @param <T> source item type
 * @param <A> accumulator type
 */
final class ReadableReduce<T, A> {

  // immutable
  private final SourcePull<T> pull;
  private final BiFunction<? super A, ? super T, ? extends A> reducer;
  private final Promise.Resolvers<A> result;

  // loop thread only
  private A acc;
  private boolean seeded;
  private boolean settled;
  private boolean draining;

  private ReadableReduce(Readable<T> source, BiFunction<? super A, ? super T, ? extends A> reducer,
      A initial, boolean seeded) {
    this.pull = new SourcePull<>(source, this::drain, this::sourceDone);
    this.reducer = reducer;
    this.result = Promise.withResolvers(source.loop);
    this.acc = initial;
    this.seeded = seeded;
  }

  /** Consumes {@code source}; {@code seeded} false takes the first item as the initial value. */
  static <T, A> Promise<A> run(Readable<T> source, BiFunction<? super A, ? super T, ? extends A> reducer,
      A initial, boolean seeded) {
    ReadableReduce<T, A> r = new ReadableReduce<>(source, reducer, initial, seeded);
    r.pull.start();
    return r.result.promise();
  }

  /** The error an empty stream without an initial value rejects with. */
  static StreamException emptyWithoutInitial() {
    return new StreamException(ErrorCode.ERR_MISSING_ARGS,
        "Reduce of an empty stream requires an initial value");
  }

  @SuppressWarnings("unchecked")
  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      for (T item; !settled && (item = pull.next()) != null; ) {
        if (!seeded) {
          acc = (A) item;
          seeded = true;
          continue;
        }
        try {
          acc = reducer.apply(acc, item);
        } catch (Throwable t) {
          settled = true;
          pull.close();
          result.reject(t);
          return;
        }
      }
    } finally {
      draining = false;
    }
  }

  private void sourceDone(Throwable error) {
    if (settled) {
      return;
    }
    settled = true;
    if (error != null) {
      result.reject(error);
    } else if (!seeded) {
      result.reject(emptyWithoutInitial());
    } else {
      result.resolve(acc);
    }
  }
}
