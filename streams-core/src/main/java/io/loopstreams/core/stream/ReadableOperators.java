package io.loopstreams.core.stream;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The ways to consume a readable that build on its surface: {@code pipe}/{@code unpipe} (each a
 * {@link Pipe}), the operators of Node's {@code stream.md}, which Node keeps apart from the
 * readable's machinery ({@code lib/internal/streams/operators.js}), each consuming {@link #self()}
 * through a class of its own ({@link ReadableMap}, {@link ReadableFilter}, ...), and {@code
 * Readable.from}.
 *
 * @param <T> the chunk type
 */
abstract class ReadableOperators<T> extends ReadableState<T> {

  ReadableOperators(EventLoop loop, StreamOptions options) {
    super(loop, options);
  }

  /** This stream as the readable it is. */
  @SuppressWarnings("unchecked")
  private Readable<T> self() {
    return (Readable<T>) this;
  }
  /** Pipes into {@code destination} and ends it when this stream ends. Returns the destination. */
  public <W extends WritableStream<? super T>> W pipe(W destination) {
    return pipe(destination, true);
  }

  /**
   * Node's {@code readable.pipe(dest, {end})}: writes every chunk, pauses while the destination's
   * {@code write} returns false and resumes on its DRAIN. Errors are not forwarded and nothing
   * is destroyed: use {@link Pipeline} for that.
   *
   * @throws IllegalStateException if {@code destination} belongs to another loop
   */
  public <W extends WritableStream<? super T>> W pipe(W destination, boolean end) {
    loop.checkInLoop(this);
    Objects.requireNonNull(destination, "destination");
    // A destination of another loop fails here, as in Pipeline.run, not at the first chunk.
    Stream target = destination.stream();
    target.loop.checkInLoop(target);
    if (pipes == null) {
      pipes = new ArrayList<>(1);
    }
    @SuppressWarnings("unchecked") WritableStream<T> dest = (WritableStream<T>) destination;
    Pipe<T> p = new Pipe<>(self(), dest, end);
    pipes.add(p);
    p.start();
    return destination;
  }

  /** Detaches every destination. */
  public Readable<T> unpipe() {
    loop.checkInLoop(this);
    if (pipes != null) {
      for (Pipe<T> p : new ArrayList<>(pipes)) {
        p.unpipe();
      }
    }
    return self();
  }

  /** Detaches {@code destination}; emits UNPIPE on it. */
  public Readable<T> unpipe(WritableStream<?> destination) {
    loop.checkInLoop(this);
    if (pipes != null) {
      // Node removes one pipe per call: a destination piped twice needs two unpipes.
      for (Pipe<T> p : pipes) {
        if (p.dest == destination) {
          p.unpipe();
          break;
        }
      }
    }
    return self();
  }

  /** An object stream over {@code items}, one item per read (Node's {@code Readable.from}). */
  public static <T> Readable<T> from(Iterable<? extends T> items) {
    return new IteratorReadable<>(currentLoop(), items.iterator(), StreamOptions.objects().highWaterMark(1));
  }

  /** An object stream over {@code items}. */
  public static <T> Readable<T> from(Iterator<? extends T> items) {
    return new IteratorReadable<>(currentLoop(), items, StreamOptions.objects().highWaterMark(1));
  }

  /** An object stream over {@code items} with explicit options. */
  public static <T> Readable<T> from(Iterator<? extends T> items, StreamOptions options) {
    return new IteratorReadable<>(currentLoop(), items, options);
  }

  // Operators (Node's stream.md § Readable operators). Each returns a new object stream (mark 1,
  // like Node's Readable.from) that consumes this one in paused mode, lazily: nothing is pulled
  // before the result is read. An error (a throw, a rejection, this stream's error) destroys the
  // result and this stream; destroying the result destroys this stream.

  /** Node's {@code map(fn)}: {@code fn} applied to each item, in order. A null result fails. */
  public <R> Readable<R> map(Function<? super T, ? extends R> fn) {
    loop.checkInLoop(self());
    return new ReadableMap<>(self(), Objects.requireNonNull(fn, "fn"), 1, 0);
  }

  /**
   * Node's {@code map(fn, {concurrency})}: up to {@code concurrency} promises in flight, results
   * pushed in source order; at most {@code 2 * concurrency - 1} items held (Node's concurrency +
   * highWaterMark). Negative or zero concurrency: {@code ERR_OUT_OF_RANGE}.
   */
  public <R> Readable<R> map(Function<? super T, ? extends Promise<? extends R>> fn,
      int concurrency) {
    loop.checkInLoop(self());
    return new ReadableMap<>(self(), Objects.requireNonNull(fn, "fn"), concurrency, concurrency - 1L);
  }

  /** Node's {@code filter(fn)}: keeps the items {@code predicate} accepts. */
  public Readable<T> filter(Predicate<? super T> predicate) {
    loop.checkInLoop(self());
    Objects.requireNonNull(predicate, "predicate");
    return new ReadableFilter<>(self(), predicate::test, 1);
  }

  /** Node's {@code filter(fn, {concurrency})} with an async predicate; order kept. */
  public Readable<T> filter(Function<? super T, ? extends Promise<Boolean>> predicate,
      int concurrency) {
    loop.checkInLoop(self());
    return new ReadableFilter<>(self(), Objects.requireNonNull(predicate, "predicate"), concurrency);
  }

  /** Node's {@code flatMap(fn)} where {@code fn} returns a stream: its items, stream after stream. */
  public <R> Readable<R> flatMap(Function<? super T, ? extends Readable<? extends R>> fn) {
    loop.checkInLoop(self());
    return new ReadableFlatMap<>(self(), Objects.requireNonNull(fn, "fn"));
  }

  /** Node's {@code flatMap(fn)} where {@code fn} returns an iterable (Reactor's name). */
  public <R> Readable<R> flatMapIterable(
      Function<? super T, ? extends Iterable<? extends R>> fn) {
    loop.checkInLoop(self());
    return new ReadableFlatMap<>(self(), Objects.requireNonNull(fn, "fn"));
  }

  /** Node's {@code take(n)}: the first {@code n} items; then this stream is destroyed. */
  public Readable<T> take(long n) {
    loop.checkInLoop(self());
    return new ReadableTake<>(self(), n);
  }

  /** Node's {@code drop(n)}: everything after the first {@code n} items. */
  public Readable<T> drop(long n) {
    loop.checkInLoop(self());
    return new ReadableDrop<>(self(), n);
  }

  /** Node's {@code forEach(fn)}: calls {@code action} for each item; fulfils after END. */
  public Promise<Void> forEach(Consumer<? super T> action) {
    loop.checkInLoop(self());
    Objects.requireNonNull(action, "action");
    return ReadableReduce.<T, Void>run(self(), (none, item) -> {
      action.accept(item);
      return null;
    }, null, true);
  }

  /** Node's {@code forEach(fn, {concurrency})} with an async action: up to {@code concurrency} at once. */
  public Promise<Void> forEach(Function<? super T, ? extends Promise<?>> action,
      int concurrency) {
    loop.checkInLoop(self());
    Objects.requireNonNull(action, "action");
    Readable<Object> done = new ReadableMap<>(self(),
        item -> action.apply(item).map(v -> ReadableMap.SKIP), concurrency, concurrency - 1L);
    return ReadableReduce.<Object, Void>run(done, (none, item) -> null, null, true);
  }

  /** Node's {@code toArray()}: every item, fulfilled after END. */
  public Promise<List<T>> toList() {
    loop.checkInLoop(self());
    return ReadableReduce.<T, List<T>>run(self(), (list, item) -> {
      list.add(item);
      return list;
    }, new ArrayList<>(), true);
  }

  /** Node's {@code reduce(fn, initial)}: folds the items into {@code initial}. */
  public <R> Promise<R> reduce(BiFunction<? super R, ? super T, ? extends R> fn,
      R initial) {
    loop.checkInLoop(self());
    return ReadableReduce.run(self(), Objects.requireNonNull(fn, "fn"), initial, true);
  }

  /**
   * Node's {@code reduce(fn)}: the first item is the initial value; an empty stream rejects with
   * {@code ERR_MISSING_ARGS} "Reduce of an empty stream requires an initial value".
   */
  public Promise<T> reduce(BinaryOperator<T> fn) {
    loop.checkInLoop(self());
    return ReadableReduce.run(self(), Objects.requireNonNull(fn, "fn"), null, false);
  }

  /** Node's {@code some(fn)}: whether an item passes; stops and destroys this stream at the first. */
  public Promise<Boolean> some(Predicate<? super T> predicate) {
    return ReadableFind.some(self(), Objects.requireNonNull(predicate, "predicate")::test, 1);
  }

  /** Node's {@code some(fn, {concurrency})} with an async predicate. */
  public Promise<Boolean> some(Function<? super T, ? extends Promise<Boolean>> predicate, int concurrency) {
    return ReadableFind.some(self(), Objects.requireNonNull(predicate, "predicate"), concurrency);
  }

  /** Node's {@code every(fn)}: whether all items pass; stops and destroys this stream at the first that fails. */
  public Promise<Boolean> every(Predicate<? super T> predicate) {
    return ReadableFind.every(self(), Objects.requireNonNull(predicate, "predicate")::test, 1);
  }

  /** Node's {@code every(fn, {concurrency})} with an async predicate. */
  public Promise<Boolean> every(Function<? super T, ? extends Promise<Boolean>> predicate, int concurrency) {
    return ReadableFind.every(self(), Objects.requireNonNull(predicate, "predicate"), concurrency);
  }

  /** Node's {@code find(fn)}: the first item that passes (empty if none); stops and destroys this stream there. */
  public Promise<Optional<T>> find(Predicate<? super T> predicate) {
    return ReadableFind.first(self(), Objects.requireNonNull(predicate, "predicate")::test, 1);
  }

  /** Node's {@code find(fn, {concurrency})} with an async predicate. */
  public Promise<Optional<T>> find(Function<? super T, ? extends Promise<Boolean>> predicate, int concurrency) {
    return ReadableFind.first(self(), Objects.requireNonNull(predicate, "predicate"), concurrency);
  }

  /** Node's {@code readable[Symbol.asyncIterator]()}: the chunks as promises; {@code close()} (break) destroys. */
  public AsyncIterator<T> iterator() {
    return iterator(true);
  }

  /** Node's {@code readable.iterator({destroyOnReturn})}. */
  public AsyncIterator<T> iterator(boolean destroyOnReturn) {
    loop.checkInLoop(self());
    return new AsyncIterator<>(self(), destroyOnReturn);
  }

  /**
   * Node's {@code readable.compose(stream)}: this stream piped into {@code stage}, whose readable
   * side is returned; an error on either side destroys both (a {@link Pipeline} of the two).
   */
  public <R> Duplex<T, R> compose(Duplex<? super T, R> stage) {
    Pipeline.run(List.of(self(), Objects.requireNonNull(stage, "stage")), null);
    @SuppressWarnings("unchecked") Duplex<T, R> d = (Duplex<T, R>) stage;
    return d;
  }

  /** Node's {@code readable.compose(async function*)}: {@code fn} builds the output from this stream's chunks. */
  public <R> Readable<R> compose(Function<? super Readable<T>, ? extends Readable<R>> fn) {
    return compose(FunctionStage.<T, R>of(loop, fn));
  }

  /** A blocking view for another thread (an Iterable, or {@code stream()}), bounded by the mark. */
  public BlockingIterable<T> toBlockingIterable() {
    loop.checkInLoop(self());
    return new BlockingIterable<>(self());
  }
}
