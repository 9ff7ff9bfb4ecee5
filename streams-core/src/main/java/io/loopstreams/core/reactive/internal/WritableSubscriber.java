package io.loopstreams.core.reactive.internal;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Stream;
import io.loopstreams.core.WritableStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A {@link WritableStream} (a Writable or a Duplex's writable side) as a {@link Subscriber}.
 *
 * <h2>Demand</h2>
 * On {@code onSubscribe} it requests {@link #initialDemand} elements: the writable mark for
 * object streams, {@code max(1, mark / 16 KiB)} for byte streams (an expected chunk of 16 KiB).
 * Each completed write (its callback, without error) requests one more. So the elements that
 * are requested but not yet written, plus the writes buffered in the stream, never exceed that
 * initial demand: the writable never holds more than its mark (object streams) and {@code
 * write()}'s {@code false} never needs to be obeyed separately.
 *
 * <h2>Signals</h2>
 * All four signals may come from any thread. They are recorded (queue offer / volatile fields)
 * and applied by a drain on the loop: {@code onNext} → {@code write}, {@code onComplete} →
 * {@code end()}, {@code onError} → {@code destroy(error)} (as in Node, attach an ERROR listener
 * to the stream or use {@code finished}: an unobserved error is uncaught). Null arguments throw
 * NPE (rule 2.13); a second {@code onSubscribe} cancels the new subscription (rule 2.5). When
 * the stream closes early (destroyed, or a write failed), the upstream subscription is
 * cancelled; elements still arriving afterwards are dropped (rule 2.8).
 *
 * <h2>Fields</h2>
 * {@code inbox}, {@code upstream}, {@code wip}, {@code done}/{@code error}: any thread (see the
 * package doc). {@code started}, {@code terminated}: loop thread only.
 */
public final class WritableSubscriber<T> implements Subscriber<T>, Runnable {

  /** The chunk size a byte stream's initial demand assumes. */
  static final long EXPECTED_CHUNK_BYTES = 16 * 1024;

  private static final VarHandle WIP;
  private static final VarHandle UPSTREAM;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      WIP = l.findVarHandle(WritableSubscriber.class, "wip", int.class);
      UPSTREAM = l.findVarHandle(WritableSubscriber.class, "upstream", Subscription.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // immutable
  private final WritableStream<T> target;
  private final Stream stream;
  private final EventLoop loop;
  private final long initialDemand;
  private final Callback onWritten = this::written;

  // any thread
  /** Elements in transit to the loop; at most the demand signalled (rule 1.1). */
  private final MpscUnboundedArrayQueue<T> inbox;
  /** null → the subscription → {@link Signals#CANCELLED} (after the stream closed). */
  private volatile Subscription upstream;
  private volatile int wip;
  /** {@code error} is written before the volatile {@code done}. */
  private Throwable error;
  private volatile boolean done;

  // loop thread only
  private boolean started;
  private boolean terminated;

  public WritableSubscriber(WritableStream<T> target) {
    this.target = Objects.requireNonNull(target, "target");
    this.stream = target.stream();
    this.loop = stream.loop();
    this.initialDemand = initialDemand(target.writableObjectMode(), target.writableHighWaterMark());
    this.inbox = new MpscUnboundedArrayQueue<>((int) Math.max(8, Math.min(initialDemand, 1024)));
  }

  /** Objects: the mark (at least 1). Bytes: {@code max(1, mark / EXPECTED_CHUNK_BYTES)}. */
  static long initialDemand(boolean objectMode, long mark) {
    return objectMode ? Math.max(1, mark) : Math.max(1, mark / EXPECTED_CHUNK_BYTES);
  }

  // ---------------------------------------------------------------------------------------------
  // Subscriber: any thread

  @Override
  public void onSubscribe(Subscription s) {
    Objects.requireNonNull(s, "rule 2.13: onSubscribe(null)");
    if (!UPSTREAM.compareAndSet(this, null, s)) {
      s.cancel(); // rule 2.5 (or the stream closed before the subscription arrived)
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
        loop.execute(this);
      } catch (RejectedExecutionException e) {
        // The loop is gone: nothing can be written any more.
        cancelUpstream();
      }
    }
  }

  @Override
  public void run() {
    int missed = 1;
    for (;;) {
      drainOnce();
      missed = (int) WIP.getAndAdd(this, -missed) - missed;
      if (missed == 0) {
        return;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Loop thread only

  private void drainOnce() {
    Subscription s = upstream;
    if (!started && s != null) {
      started = true;
      stream.on(Stream.CLOSE, (Runnable) this::targetClosed);
      if (s != Signals.CANCELLED) {
        if (dead()) {
          cancelUpstream();
        } else {
          s.request(initialDemand);
        }
      }
    }
    for (;;) {
      boolean d = done;
      T item = inbox.poll();
      if (item == null) {
        if (d && !terminated) {
          terminated = true;
          finish();
        }
        return;
      }
      if (dead()) {
        cancelUpstream(); // rule 2.8: keep accepting, drop
      } else {
        target.write(item, onWritten);
      }
    }
  }

  private void finish() {
    Throwable e = error;
    if (e != null) {
      if (!stream.destroyed()) {
        stream.destroy(e);
      }
    } else if (!stream.destroyed() && !target.writableEnded()) {
      target.end();
    }
  }

  /** Whether the stream can no longer take writes (destroyed, ended or errored). */
  private boolean dead() {
    return stream.destroyed() || target.writableEnded() || stream.errored() != null;
  }

  /** A write completed: ask for one more element in its place. */
  private void written(Throwable err) {
    if (err != null || done) {
      return;
    }
    Subscription s = upstream;
    if (s != null && s != Signals.CANCELLED) {
      s.request(1);
    }
  }

  private void targetClosed() {
    if (!done) {
      cancelUpstream();
    }
  }

  private void cancelUpstream() {
    Subscription s = (Subscription) UPSTREAM.getAndSet(this, Signals.CANCELLED);
    if (s != null && s != Signals.CANCELLED) {
      s.cancel();
    }
  }

  @Override
  public String toString() {
    return "WritableSubscriber[" + stream.name() + "]";
  }
}
