package io.loopstreams.core.reactive;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Project Reactor helpers over {@link ReactiveStreams}: {@link Flux} and {@link Mono} to and
 * from readables and promises.
 *
 * <p>A Flux made from a readable emits on the readable's loop thread; use {@code publishOn} to
 * move work elsewhere. Readables and promises made from Reactor types live on the given loop and
 * must be created on its thread.
 */
public final class Reactor {

  private Reactor() {
  }

  /** The readable as a (unicast) Flux; cancelling destroys the readable. Any thread. */
  public static <T> Flux<T> toFlux(Readable<T> readable) {
    return Flux.from(ReactiveStreams.toPublisher(readable));
  }

  /** A readable on {@code loop} over {@code flux}, object mode, mark 16. On the loop's thread. */
  public static <T> Readable<T> fromFlux(EventLoop loop, Flux<? extends T> flux) {
    return ReactiveStreams.fromPublisher(loop, flux, StreamOptions.objects());
  }

  /** A readable on {@code loop} over {@code flux} with explicit options. On the loop's thread. */
  public static <T> Readable<T> fromFlux(EventLoop loop, Flux<? extends T> flux, StreamOptions options) {
    return ReactiveStreams.fromPublisher(loop, flux, options);
  }

  /**
   * A Mono settling like {@code promise}: its value (empty for null) or its rejection. The
   * promise is observed at once (a promise is eager), so handing it to Reactor counts as handling
   * its rejection; the signals arrive on the promise's loop thread. Cancelling the Mono does not
   * affect the promise. Any thread.
   */
  public static <T> Mono<T> toMono(Promise<T> promise) {
    Objects.requireNonNull(promise, "promise");
    return Mono.fromFuture(promise.toCompletableFuture(), true);
  }

  /**
   * A promise on {@code loop} settling with the Mono's value (null when empty) or error. The
   * pending Mono keeps the loop alive. On the loop's thread.
   */
  public static <T> Promise<T> fromMono(EventLoop loop, Mono<? extends T> mono) {
    Objects.requireNonNull(mono, "mono");
    return Promise.from(loop, mono.toFuture());
  }
}
