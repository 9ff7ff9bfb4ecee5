package io.loopstreams.core.stream;

import io.loopstreams.core.Promise;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link Readable#some}, {@link Readable#every} and {@link Readable#find}: Node's operators of
 * the same names, which are all "the first item of a {@code filter}" (Node's {@code some} is a
 * {@code for await} over {@code filter} that returns at its first item). This stream is that
 * filter, cut short: it pushes the first item that passes, then EOF.
 *
 * <pre>
 *   pulling ─an item passes (in source order)→ stopped: no more pulls, source destroyed;
 *                                              the match pushed, then EOF
 *           ─source END→ EOF (not found)
 *           ─predicate throws / rejects, source errors→ destroyed with that error
 * </pre>
 * With a synchronous predicate nothing is pulled after the match. With {@code concurrency > 1} a
 * later item may pass first; pulling stops then too, and the queue still answers in source
 * order, so an earlier item that passes (or fails) wins, as in Node.
 *
 * <h2>Differences from Node</h2>
 * The source is destroyed without an error when the answer is known early (Node 20 destroys it
 * with an {@code AbortError}, visible as an ERROR event on the source after the promise
 * settled), as {@code take} does here.
 */
final class ReadableFind<T> extends ReadableMap<T, T> {

  // immutable
  private final Function<? super T, ?> predicate;

  private ReadableFind(Readable<T> source, Function<? super T, ?> predicate, int concurrency) {
    super(source, null, concurrency, concurrency - 1L);
    this.predicate = predicate;
  }

  /** The first item {@code predicate} accepts (a Boolean or a Promise of one), up to {@code concurrency} at once. */
  static <T> Promise<Optional<T>> first(Readable<T> source, Function<? super T, ?> predicate,
      int concurrency) {
    source.loop.checkInLoop(source);
    ReadableFind<T> matches;
    try {
      matches = new ReadableFind<>(source, predicate, concurrency);
    } catch (RuntimeException e) {
      return Promise.rejected(source.loop, e); // an async function in Node: a bad option rejects
    }
    // With concurrency a later match may follow the first one: keep the first.
    return ReadableReduce.run(matches, (found, item) -> found.isPresent() ? found : Optional.of(item),
        Optional.<T>empty(), true);
  }

  /** Node's {@code some}. */
  static <T> Promise<Boolean> some(Readable<T> source, Function<? super T, ?> predicate,
      int concurrency) {
    return first(source, predicate, concurrency).map(Optional::isPresent);
  }

  /** Node's {@code every}: no item fails the predicate. */
  static <T> Promise<Boolean> every(Readable<T> source, Function<? super T, ?> predicate,
      int concurrency) {
    return first(source, item -> negate(predicate.apply(item)), concurrency).map(Optional::isEmpty);
  }

  private static Object negate(Object answer) {
    if (answer instanceof Promise<?> p) {
      return p.map(keep -> !Boolean.TRUE.equals(keep));
    }
    return !Boolean.TRUE.equals(answer);
  }

  @Override
  Object apply(T item) {
    Object answer = predicate.apply(item);
    if (answer instanceof Promise<?> promise) {
      return promise.map(keep -> passed(keep, item));
    }
    return passed(answer, item);
  }

  private Object passed(Object answer, T item) {
    if (!Boolean.TRUE.equals(answer)) {
      return SKIP;
    }
    if (!destroyed()) {
      finishEarly();
    }
    return item;
  }
}
