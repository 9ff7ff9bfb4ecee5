package io.loopstreams.core.stream;

import io.loopstreams.core.StreamException;

/**
 * {@link Readable#take}: Node's {@code take(n)}. Pushes the first {@code n} items, then EOF; it
 * stops pulling after the n-th item and destroys the source at that moment, so at most the
 * source's own read-ahead is produced beyond {@code n}.
 *
 * <h2>Differences from Node</h2>
 * {@code take(0)} ends without pulling an item (Node 20 pulls one before it looks at the count).
 */
final class ReadableTake<T> extends ReadableMap<T, T> {

  // immutable
  private final long n;

  // loop thread only
  private long taken;

  ReadableTake(Readable<T> source, long n) {
    super(source, null, 1, 0);
    if (n < 0) {
      throw StreamException.outOfRange("number", ">= 0 && <= 9007199254740991", n);
    }
    this.n = n;
  }

  @Override
  void onStart() {
    if (n == 0) {
      finishEarly();
    }
  }

  @Override
  Object apply(T item) {
    if (++taken >= n) {
      finishEarly();
    }
    return item;
  }
}
