package io.loopstreams.core.reactive.internal;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Readable;
import io.loopstreams.core.StreamOptions;
import io.loopstreams.core.internal.Exceptions;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
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
 * {@code inbox}, {@code upstream}, {@code wip}, {@code done}/{@code error}: any thread (package
 * doc). Everything else: loop thread only.
 */
public final class PublisherReadable<T> extends Readable<T> implements Subscriber<T> {

  private static final VarHandle WIP;
  private static final VarHandle UPSTREAM;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      WIP = l.findVarHandle(PublisherReadable.class, "wip", int.class);
      UPSTREAM = l.findVarHandle(PublisherReadable.class, "upstream", Subscription.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // immutable
  private final Publisher<? extends T> source;
  private final boolean bytes;
  private final Runnable drainTask = this::drain;

  // any thread
  private final MpscUnboundedArrayQueue<T> inbox;
  /** null → the subscription → {@link Signals#CANCELLED} once destroyed. */
  private volatile Subscription upstream;
  private volatile int wip;
  /** Written before the volatile {@code done}. */
  private Throwable error;
  private volatile boolean done;

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
    this.inbox = new MpscUnboundedArrayQueue<>((int) Math.max(8, Math.min(bytes ? 64 : mark, 1024)));
  }

  // ---------------------------------------------------------------------------------------------
  // Readable hooks: loop thread

  @Override
  protected void doRead(long size) {
    if (!subscribeCalled) {
      subscribeCalled = true;
      readPending = true;
      try {
        source.subscribe(this);
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
    cancelUpstream();
    inbox.clear();
    callback.done(err);
  }

  private void requestMore() {
    Subscription s = upstream;
    if (s == null || !started) {
      readPending = true;
      return;
    }
    if (s == Signals.CANCELLED || finished || done) {
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
  // Subscriber: any thread

  @Override
  public void onSubscribe(Subscription s) {
    Objects.requireNonNull(s, "rule 2.13: onSubscribe(null)");
    if (!UPSTREAM.compareAndSet(this, null, s)) {
      s.cancel(); // rule 2.5, or destroyed before the subscription arrived
      return;
    }
    schedule();
  }

  @Override
  public void onNext(T item) {
    Objects.requireNonNull(item, "rule 2.13: onNext(null)");
    inbox.offer(item);
    schedule();
  }

  @Override
  public void onError(Throwable t) {
    Objects.requireNonNull(t, "rule 2.13: onError(null)");
    error = t;
    done = true;
    schedule();
  }

  @Override
  public void onComplete() {
    done = true;
    schedule();
  }

  private void schedule() {
    if ((int) WIP.getAndAdd(this, 1) == 0) {
      try {
        loop().execute(drainTask);
      } catch (RejectedExecutionException e) {
        cancelUpstream(); // the loop is gone: nobody will read
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Drain: loop thread

  private void drain() {
    int missed = 1;
    for (;;) {
      drainOnce();
      missed = (int) WIP.getAndAdd(this, -missed) - missed;
      if (missed == 0) {
        return;
      }
    }
  }

  private void drainOnce() {
    if (destroyed()) {
      inbox.clear();
      return;
    }
    if (!started && upstream != null) {
      started = true;
      if (readPending) {
        readPending = false;
        requestMore();
      }
    }
    for (;;) {
      boolean d = done;
      T item = inbox.poll();
      if (item == null) {
        if (d && !finished) {
          finished = true;
          Throwable e = error;
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
        inbox.clear();
        return;
      }
    }
  }

  private void cancelUpstream() {
    Subscription s = (Subscription) UPSTREAM.getAndSet(this, Signals.CANCELLED);
    if (s != null && s != Signals.CANCELLED && !done) {
      s.cancel();
    }
  }
}
