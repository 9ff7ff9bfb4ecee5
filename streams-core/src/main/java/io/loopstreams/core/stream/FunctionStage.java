package io.loopstreams.core.stream;

import io.loopstreams.core.EventLoop;
import java.util.Objects;
import java.util.function.Function;

/**
 * A stage written as a function of its input stream, the Java form of Node's {@code async
 * function*(source)} stage in {@code pipeline} and {@code compose}: {@code fn} receives a
 * Readable of the stage's input and returns the Readable of its output, e.g. {@code src ->
 * src.map(x -> x * 10)} or any stream built on {@code src}.
 *
 * <p>The stage is a {@link Duplex#from} pair: writes go into a {@link PassThrough} that {@code fn}
 * reads, reads come from what {@code fn} returned; backpressure passes through both, an error in
 * either destroys the pair, destroying the pair destroys both. The input side counts chunks (an
 * object-mode mark of 16), whatever the chunk type.
 */
final class FunctionStage {

  private FunctionStage() {
  }

  /** The stage {@code fn} on {@code loop}. */
  static <I, O> Duplex<I, O> of(EventLoop loop,
      Function<? super Readable<I>, ? extends Readable<O>> fn) {
    Objects.requireNonNull(fn, "fn");
    PassThrough<I> input = new PassThrough<>(loop, StreamOptions.objects());
    Readable<O> output = Objects.requireNonNull(fn.apply(input), "the stage function returned null");
    return Duplex.from(output, input);
  }
}
