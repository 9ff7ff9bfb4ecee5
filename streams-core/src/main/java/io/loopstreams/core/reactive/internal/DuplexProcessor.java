package io.loopstreams.core.reactive.internal;

import io.loopstreams.core.stream.Duplex;
import org.reactivestreams.Processor;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A {@link Duplex} (typically a Transform) as a {@link Processor}: its writable side is a
 * {@link WritableSubscriber}, its readable side a unicast {@link ReadablePublisher}. Both halves
 * share the duplex's one lifecycle, which gives the rule 4.x behaviours:
 * <ul>
 *   <li>upstream {@code onError} destroys the duplex with the error, and the ERROR reaches the
 *       downstream subscriber at once, without waiting for demand or for buffered elements;
 *   <li>downstream {@code cancel} destroys the duplex, whose CLOSE cancels the upstream;
 *   <li>upstream {@code onComplete} ends the writable side; the transform flushes and the
 *       readable side's END becomes the downstream {@code onComplete}.
 * </ul>
 * Upstream demand follows the writable mark (see {@link WritableSubscriber}), independent of
 * downstream demand; the transform's own backpressure (its readable buffer at the mark holds
 * the write callback) closes the loop. Thread-safe like its halves.
 */
public final class DuplexProcessor<I, O> implements Processor<I, O> {

  // immutable
  private final Duplex<I, O> duplex;
  private final WritableSubscriber<I> in;
  private final ReadablePublisher<O> out;

  public DuplexProcessor(Duplex<I, O> duplex) {
    this.duplex = duplex;
    this.out = new ReadablePublisher<>(duplex);
    this.in = new WritableSubscriber<>(duplex);
  }

  @Override
  public void subscribe(Subscriber<? super O> subscriber) {
    out.subscribe(subscriber);
  }

  @Override
  public void onSubscribe(Subscription s) {
    in.onSubscribe(s);
  }

  @Override
  public void onNext(I item) {
    in.onNext(item);
  }

  @Override
  public void onError(Throwable t) {
    in.onError(t);
  }

  @Override
  public void onComplete() {
    in.onComplete();
  }

  @Override
  public String toString() {
    return "DuplexProcessor[" + duplex.name() + "]";
  }
}
