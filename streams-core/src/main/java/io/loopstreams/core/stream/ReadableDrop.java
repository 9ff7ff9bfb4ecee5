package io.loopstreams.core.stream;

import io.loopstreams.core.StreamException;

/** {@link Readable#drop}: Node's {@code drop(n)}: skips the first {@code n} items, passes the rest. */
final class ReadableDrop<T> extends ReadableMap<T, T> {

  // loop thread only
  private long toDrop;

  ReadableDrop(Readable<T> source, long n) {
    super(source, null, 1, 0);
    if (n < 0) {
      throw StreamException.outOfRange("number", ">= 0 && <= 9007199254740991", n);
    }
    this.toDrop = n;
  }

  @Override
  Object apply(T item) {
    if (toDrop > 0) {
      toDrop--;
      return SKIP;
    }
    return item;
  }
}
