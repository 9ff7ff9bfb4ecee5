package io.loopstreams.core.reactive;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.reactive.internal.DuplexProcessor;
import io.loopstreams.core.reactive.internal.PublisherReadable;
import io.loopstreams.core.reactive.internal.ReadablePublisher;
import io.loopstreams.core.reactive.internal.WritableSubscriber;
import io.loopstreams.core.stream.Duplex;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.WritableStream;
import java.util.Objects;
import org.reactivestreams.Processor;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * Streams as Reactive Streams ({@code org.reactivestreams}, spec 1.0.4) and back, verified by
 * the official TCK in {@code tck-tests}.
 *
 * <h2>Demand and the high-water mark</h2>
 * <ul>
 *   <li>{@link #toPublisher}: each {@code request(n)} lets the subscription {@code read()} up to
 *       n chunks; the Readable keeps filling its buffer to its mark as usual, so a slow
 *       subscriber makes it stop reading at the mark.
 *   <li>{@link #fromPublisher}: requests up to the mark (objects; an estimate in chunks for byte
 *       streams) and refills as the buffer drains.
 *   <li>{@link #toSubscriber}: requests the writable mark (objects; {@code mark / 16 KiB} chunks
 *       for byte streams) and one more per completed write.
 * </ul>
 *
 * <h2>Threads</h2>
 * Publishers, subscribers and processors returned here may be called from any thread; every
 * signal hops onto the stream's loop through one queue-drain, so the stream itself is only
 * ever touched by its loop. Signals to a subscriber of {@link #toPublisher} are delivered on
 * the loop thread. {@link #fromPublisher} creates a stream and must be called on the loop.
 *
 * <h2>Lifecycle</h2>
 * Cancelling a subscription destroys the stream; an error destroys it with that error. The
 * publishers are unicast: a second subscriber gets {@code onSubscribe} then {@code onError}.
 */
public final class ReactiveStreams {

  private ReactiveStreams() {
  }

  /** The readable as a unicast {@link Publisher}. Any thread; the readable should not be consumed otherwise. */
  public static <T> Publisher<T> toPublisher(Readable<T> readable) {
    return new ReadablePublisher<>(Objects.requireNonNull(readable, "readable"));
  }

  /**
   * A readable on {@code loop} fed by {@code publisher}, subscribed on the first read. Must be
   * called on the loop's thread.
   */
  public static <T> Readable<T> fromPublisher(EventLoop loop, Publisher<? extends T> publisher,
      StreamOptions options) {
    return new PublisherReadable<>(loop, publisher, Objects.requireNonNull(options, "options"));
  }

  /** {@link #fromPublisher(EventLoop, Publisher, StreamOptions)} in object mode, mark 16. */
  public static <T> Readable<T> fromPublisher(EventLoop loop, Publisher<? extends T> publisher) {
    return fromPublisher(loop, publisher, StreamOptions.objects());
  }

  /** A {@link Subscriber} writing into {@code writable} (a Writable or a Duplex). Any thread. */
  public static <T> Subscriber<T> toSubscriber(WritableStream<T> writable) {
    return new WritableSubscriber<>(Objects.requireNonNull(writable, "writable"));
  }

  /** A duplex (typically a Transform or PassThrough) as a {@link Processor}. Any thread. */
  public static <I, O> Processor<I, O> toProcessor(Duplex<I, O> duplex) {
    return new DuplexProcessor<>(Objects.requireNonNull(duplex, "duplex"));
  }
}
