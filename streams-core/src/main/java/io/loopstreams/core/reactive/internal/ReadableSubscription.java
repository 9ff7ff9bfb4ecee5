package io.loopstreams.core.reactive.internal;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.internal.Exceptions;
import io.loopstreams.core.internal.LoopAccess;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.RejectedExecutionException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The one subscription of a {@link ReadablePublisher}: turns demand into {@code read()} calls
 * on the loop and the source's events into signals.
 *
 * <h2>Signals</h2>
 * <ul>
 *   <li>{@code onSubscribe} is delivered by the first drain, on the loop, so that it happens
 *       before (and never concurrently with) any other signal (rules 1.3, 1.9).
 *   <li>{@code onNext}: one chunk per element while demand lasts: object streams {@code read()},
 *       byte streams {@code read(readableHeadLength())}, the head chunk as pushed (as flowing
 *       mode's DATA). A chunk larger than the mark is taken with {@code read()} instead (with
 *       what else is buffered), since {@code read(n > mark)} would raise the mark. The stream
 *       refills itself to its mark as usual.
 *   <li>END → {@code onComplete}; ERROR → {@code onError}; CLOSE without either → {@code
 *       onError(ERR_STREAM_PREMATURE_CLOSE)}. Nothing after a terminal signal (rule 1.7).
 *   <li>{@code cancel()} destroys the source (no error) and drops the subscriber (rule 3.13).
 *   <li>{@code request(n <= 0)} destroys the source and signals {@code onError} with an {@link
 *       IllegalArgumentException} naming rule 3.9.
 * </ul>
 * While the subscription is live, a loop that closes destroys the source with an {@code
 * IllegalStateException} that reaches the subscriber as {@code onError}: a foreign thread
 * blocked on the stream is released, as by {@code Promise.await()}.
 *
 * <p>A drain emits at most {@link #BATCH} elements, then re-posts itself so one unbounded
 * subscriber cannot hold the loop.
 *
 * <h2>Fields</h2>
 * {@code requested}, {@code wip}, {@code cancelled} and the invalid-request pair are written by
 * any thread; everything else is loop-only (see the package doc for the happens-before chain).
 * {@code downstream} is written once by the subscribing thread before the first {@code
 * loop.execute}, then only by the loop (cleared on terminal or cancel).
 */
final class ReadableSubscription<T> implements Subscription, Runnable {

  /** Elements per drain before yielding the loop (as the loop's own poll budget). */
  static final int BATCH = 256;

  private static final VarHandle WIP;
  private static final VarHandle REQUESTED;
  private static final LoopAccess LOOP = LoopAccess.get();

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      WIP = l.findVarHandle(ReadableSubscription.class, "wip", int.class);
      REQUESTED = l.findVarHandle(ReadableSubscription.class, "requested", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // immutable
  private final ReadablePublisher<T> parent;
  private final Readable<T> source;
  private final EventLoop loop;
  private final Runnable onReadable = this::signal;
  private final Runnable onLoopTerminate = this::loopTerminating;

  // any thread
  private volatile int wip;
  /** Outstanding demand; {@link Long#MAX_VALUE} means unbounded (rule 3.17). */
  private volatile long requested;
  private volatile boolean cancelled;
  /** The first non-positive request seen; published by the volatile write of {@code invalid}. */
  private long invalidN;
  private volatile boolean invalid;

  // loop thread only (see class doc for the one write from the subscribing thread)
  private Subscriber<? super T> downstream;
  private boolean started;

  ReadableSubscription(ReadablePublisher<T> parent, Subscriber<? super T> downstream) {
    this.parent = parent;
    this.source = parent.source;
    this.loop = parent.loop;
    this.downstream = downstream;
  }

  // ---------------------------------------------------------------------------------------------
  // Subscription: any thread

  @Override
  public void request(long n) {
    if (cancelled) {
      return; // rule 3.6
    }
    if (n <= 0) {
      if (!invalid) {
        invalidN = n;
        invalid = true;
      }
    } else {
      for (;;) {
        long r = requested;
        if (r == Long.MAX_VALUE) {
          break;
        }
        if (REQUESTED.compareAndSet(this, r, Signals.addCap(r, n))) {
          break;
        }
      }
    }
    schedule();
  }

  @Override
  public void cancel() {
    if (cancelled) {
      return; // rule 3.7
    }
    cancelled = true;
    schedule();
  }

  /** From any thread: record first, then make sure a drain runs (hop onto the loop). */
  void schedule() {
    if ((int) WIP.getAndAdd(this, 1) == 0) {
      try {
        loop.execute(this);
      } catch (RejectedExecutionException e) {
        loopGone();
      }
    }
  }

  /** From the loop (source listeners): drain here and now unless a drain is running. */
  void signal() {
    if ((int) WIP.getAndAdd(this, 1) == 0) {
      drain();
    }
  }

  @Override
  public void run() {
    drain();
  }

  // ---------------------------------------------------------------------------------------------
  // Drain: loop thread only

  private void drain() {
    int missed = 1;
    for (;;) {
      if (drainOnce()) {
        return; // yielded: the re-posted drain owns the remaining wip count
      }
      missed = (int) WIP.getAndAdd(this, -missed) - missed;
      if (missed == 0) {
        return;
      }
    }
  }

  /** One pass; returns true if it re-posted itself to yield the loop. */
  private boolean drainOnce() {
    Subscriber<? super T> a = downstream;
    if (a == null) {
      return false;
    }
    if (!started) {
      started = true;
      parent.watch(); // normally done already, unless subscribe raced toPublisher's hop
      parent.active = this;
      try {
        a.onSubscribe(this);
      } catch (Throwable t) {
        subscriberFailed(t);
        return false;
      }
      if (!cancelled && !isTerminal() && !source.destroyed()) {
        source.on(Stream.READABLE, onReadable);
        if (!LOOP.onTerminate(loop, onLoopTerminate)) {
          loopTerminating();
        }
      }
    }
    if (cancelled) {
      cancelNow();
      return false;
    }
    if (invalid) {
      long n = invalidN;
      terminate();
      source.destroy();
      deliverError(a, Signals.nonPositiveRequest(n));
      return false;
    }
    long r = requested;
    long e = 0;
    while (e != r && !isTerminal() && !source.destroyed()) {
      T item = readChunk();
      if (item == null) {
        break;
      }
      try {
        a.onNext(item);
      } catch (Throwable t) {
        subscriberFailed(t);
        return false;
      }
      e++;
      if (cancelled) {
        break;
      }
      if (e == BATCH && e != r) {
        produced(r, e);
        loop.execute(this);
        return true;
      }
    }
    if (e != 0) {
      produced(r, e);
    }
    if (e == r && !isTerminal() && !source.destroyed() && source.readableLength() == 0) {
      // No demand left and nothing buffered: read(0) lets a stream whose end was pushed emit
      // END now, so onComplete needs no demand (rule 1.5). Otherwise it only asks for a refill.
      source.read(0);
    }
    if (cancelled) {
      cancelNow();
      return false;
    }
    Throwable error = failure();
    if (error != null) {
      terminate();
      deliverError(a, error);
    } else if (parent.ended || source.readableEnded()) {
      terminate();
      try {
        a.onComplete();
      } catch (Throwable t) {
        Signals.dropped(t);
      }
    } else if (parent.closed || (source.destroyed() && source.closed())) {
      // CLOSE without END or ERROR (or a destroyed source with emitClose off).
      terminate();
      deliverError(a, StreamException.prematureClose());
    }
    return false;
  }

  /** The head chunk (see the class doc), or null when nothing is buffered. */
  private T readChunk() {
    if (source.readableObjectMode()) {
      return source.read();
    }
    long head = source.readableHeadLength();
    if (head == 0) {
      // read() would refill synchronously and return all of it: refill first, then take one.
      source.read(0);
      head = source.readableHeadLength();
      if (head == 0) {
        return null;
      }
    }
    return head > source.readableHighWaterMark() ? source.read() : source.read(head);
  }

  private boolean isTerminal() {
    return failure() != null || parent.ended || parent.closed;
  }

  /** The source's error: from its ERROR event, or recorded by a destroy whose ERROR is due. */
  private Throwable failure() {
    return parent.error != null ? parent.error : source.errored();
  }

  private void produced(long r, long e) {
    if (r == Long.MAX_VALUE) {
      return;
    }
    for (;;) {
      long cur = requested;
      if (cur == Long.MAX_VALUE) {
        return;
      }
      if (REQUESTED.compareAndSet(this, cur, cur - e)) {
        return;
      }
    }
  }

  /** Drops the subscriber and the READABLE listener; the source keeps the publisher's others. */
  private void terminate() {
    LOOP.removeOnTerminate(loop, onLoopTerminate);
    downstream = null;
    parent.active = null;
    source.off(Stream.READABLE, onReadable);
  }

  private void cancelNow() {
    terminate();
    if (!source.destroyed()) {
      source.destroy();
    }
  }

  private void subscriberFailed(Throwable t) {
    Exceptions.throwIfFatal(t);
    // Rule 2.13 broken: the subscriber is considered cancelled; the error has nowhere to go.
    cancelled = true;
    cancelNow();
    Signals.dropped(t);
  }

  private static void deliverError(Subscriber<?> a, Throwable error) {
    try {
      a.onError(error);
    } catch (Throwable t) {
      Signals.dropped(t);
    }
  }

  /**
   * The loop is closing (its last tasks run): the subscriber would wait for ever for a signal, so
   * the source is destroyed with the loop's error and the drain delivers it as {@code onError}.
   */
  private void loopTerminating() {
    if (downstream != null && !source.destroyed()) {
      source.destroy(new IllegalStateException("loop " + loop.name() + " has terminated"));
      signal();
    }
  }

  /**
   * The loop terminated: no drain can ever run. The caller owns the drain (it moved wip from 0),
   * and the loop thread is gone, so the subscriber is told here, once.
   */
  private void loopGone() {
    Subscriber<? super T> a = downstream;
    if (a == null) {
      return;
    }
    downstream = null;
    Throwable error = new IllegalStateException("loop " + loop.name() + " has terminated");
    if (!started) {
      started = true;
      Signals.reject(a, error);
    } else if (!cancelled) {
      deliverError(a, error);
    }
  }

  @Override
  public String toString() {
    return "ReadableSubscription[" + source.name() + ", requested=" + requested + "]";
  }
}
