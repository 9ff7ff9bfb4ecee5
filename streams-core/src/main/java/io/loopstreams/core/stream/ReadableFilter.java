package io.loopstreams.core.stream;

import io.loopstreams.core.Promise;
import java.util.function.Function;

/**
 * {@link Readable#filter}: Node's {@code filter}, built like Node's on {@link ReadableMap}: an item
 * whose predicate is false becomes {@link ReadableMap#SKIP}. The predicate returns a {@code
 * Boolean} (sync) or a {@code Promise<Boolean>} (async, up to {@code concurrency} in flight,
 * order kept); a null answer counts as false (JavaScript's falsy).
 */
final class ReadableFilter<T> extends ReadableMap<T, T> {

  // immutable
  private final Function<? super T, ?> predicate;

  ReadableFilter(Readable<T> source, Function<? super T, ?> predicate, int concurrency) {
    super(source, null, concurrency, concurrency - 1L);
    this.predicate = predicate;
  }

  @Override
  Object apply(T item) {
    Object answer = predicate.apply(item);
    if (answer instanceof Promise<?> promise) {
      return promise.map(keep -> Boolean.TRUE.equals(keep) ? item : SKIP);
    }
    return Boolean.TRUE.equals(answer) ? item : SKIP;
  }
}
