package io.loopstreams.core.reactive.internal;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.internal.Exceptions;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;

/**
 * A {@link Publisher} as a {@link Readable}. It subscribes on the first {@code doRead} (lazily,
 * like Node's {@code Readable.from(asyncIterable)}) and keeps the demand it signalled plus what
 * it buffers within the high-water mark:
 * <ul>
 *   <li>object streams: {@code outstanding + readableLength() <= max(1, mark)}. The first
 *       {@code doRead} requests the whole mark (16 by default); later ones refill exactly what
 *       the consumer took. {@code doRead} that finds nothing to request while nothing is
 *       outstanding (only possible after {@code read(n)} raised the mark mid-way) asks for one.
 *   <li>byte streams: elements are chunks of unknown size, so the demand is {@code max(1, (mark
 *       - length) / averageChunk) - outstanding}, with the average of the chunks received so far
 *       (the mark itself before the first one: the first request is 1). The buffer may exceed
 *       the mark by the spread of chunk sizes, never by more than the chunks outstanding.
 * </ul>
 * Signals from the publisher's threads are queued and applied on the loop by one drain:
 * {@code onNext} → {@code push}, {@code onComplete} → {@code push(null)}, {@code onError} →
 * {@code destroy(error)}: as with Node's {@code destroy(err)}, chunks still buffered are
 * discarded and ERROR is emitted at once (a consumer in flowing mode has already had every
 * chunk that arrived before the error). {@code destroy()} (and any error of the stream) cancels the
 * subscription; one that arrives later is cancelled at once. A second {@code onSubscribe}
 * cancels the new subscription (rule 2.5); nulls throw NPE (rule 2.13).
 *
 * <h2>Fields</h2>
 * The signal hand-off is its {@link Inbound}'s (any thread). Everything else: loop thread only.
 */
public final class PublisherReadable<T> extends Readable<T> {

  // immutable
  private final Publisher<? extends T> source;
  private final boolean bytes;
  /** The signals from the publisher's threads, drained on the loop by {@link #drainOnce()}. */
  private final Inbound<T> inbound;

  // loop thread only
  private boolean subscribeCalled;
  /** doRead came before onSubscribe: request as soon as the subscription is there. */
  private boolean readPending;
  private boolean started;
  private boolean finished;
  /** Requested and not yet received. */
  private long outstanding;
  private long chunksReceived;
  private long bytesReceived;

  public PublisherReadable(EventLoop loop, Publisher<? extends T> source, StreamOptions options) {
    super(loop, options);
    this.source = Objects.requireNonNull(source, "source");
    this.bytes = options.readableStrategy().isBytes();
    long mark = Math.max(1, options.readableStrategy().highWaterMark());
    this.inbound = new Inbound<>(loop, bytes ? 64 : mark) {
      @Override
      void drainOnce() {
        PublisherReadable.this.drainOnce();
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Readable hooks: loop thread

  @Override
  protected void doRead(long size) {
    if (!subscribeCalled) {
      subscribeCalled = true;
      readPending = true;
      try {
        source.subscribe(inbound);
      } catch (Throwable t) {
        Exceptions.throwIfFatal(t); // rule 1.9 broken by the publisher
        destroy(t);
      }
      return;
    }
    requestMore();
  }

  @Override
  protected void doDestroy(Throwable err, Callback callback) {
    inbound.cancel();
    inbound.clear();
    callback.done(err);
  }

  private void requestMore() {
    Subscription s = inbound.upstream();
    if (s == null || !started) {
      readPending = true;
      return;
    }
    if (s == Signals.CANCELLED || finished || inbound.isDone()) {
      return;
    }
    long want = wanted();
    if (want <= 0 && outstanding == 0) {
      want = 1; // doRead must lead to a push, or the stream stops reading
    }
    if (want > 0) {
      outstanding += want;
      s.request(want);
    }
  }

  private long wanted() {
    long mark = Math.max(1, readableHighWaterMark());
    long length = readableLength();
    if (!bytes) {
      return mark - length - outstanding;
    }
    long avg = chunksReceived == 0 ? mark : Math.max(1, bytesReceived / chunksReceived);
    return Math.max(1, (mark - length) / avg) - outstanding;
  }

  // ---------------------------------------------------------------------------------------------
  // Drain: loop thread

  private void drainOnce() {
    if (destroyed()) {
      inbound.clear();
      return;
    }
    if (!started && inbound.upstream() != null) {
      started = true;
      if (readPending) {
        readPending = false;
        requestMore();
      }
    }
    for (;;) {
      boolean d = inbound.isDone();
      T item = inbound.poll();
      if (item == null) {
        if (d && !finished) {
          finished = true;
          Throwable e = inbound.error();
          if (e != null) {
            destroy(e);
          } else {
            push(null);
          }
        }
        return;
      }
      outstanding--;
      chunksReceived++;
      if (bytes) {
        bytesReceived += ((ByteBuffer) item).remaining();
      }
      push(item);
      if (destroyed()) {
        inbound.clear();
        return;
      }
    }
  }
}
