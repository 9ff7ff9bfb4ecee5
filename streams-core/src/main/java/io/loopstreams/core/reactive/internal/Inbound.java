package io.loopstreams.core.reactive.internal;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Handoff;
import io.loopstreams.core.internal.LoopAccess;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The subscriber half every loop-bound consumer of a foreign {@code Publisher} shares: it
 * records the four signals from any thread and hands them to the loop through one queue-drain
 * (package doc). {@link WritableSubscriber} extends it; {@link PublisherReadable}, already a
 * {@code Readable}, owns one. Subclasses implement {@link #drainOnce()}, which runs on the loop
 * and consumes {@link #poll()}, {@link #isDone()} and {@link #error()}.
 *
 * <p>Null arguments throw NPE (rule 2.13); a second {@code onSubscribe} cancels the new
 * subscription (rule 2.5); {@link #cancel()} after the subscriber was destroyed also cancels a
 * subscription that arrives later. From {@code onSubscribe} until a terminal signal or cancel,
 * the subscription is registered with the loop ({@link LoopAccess#onTerminate}): a loop that
 * closes cancels it (rule 2.6: a subscriber that can no longer consume cancels).
 *
 * <h2>Fields</h2>
 * {@code inbox}, {@code upstream}, {@code done}/{@code error}: any thread.
 */
abstract class Inbound<T> implements Subscriber<T> {

  private static final VarHandle UPSTREAM;
  private static final LoopAccess LOOP = LoopAccess.get();

  static {
    try {
      UPSTREAM = MethodHandles.lookup().findVarHandle(Inbound.class, "upstream", Subscription.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // immutable
  final EventLoop loop;
  private final Runnable cancelOnExit = this::cancel;

  // any thread
  /** Elements in transit to the loop; at most the demand signalled (rule 1.1). */
  private final Handoff<T> inbox;
  /** null → the subscription → {@link Signals#CANCELLED} once cancelled. */
  private volatile Subscription upstream;
  /** Written before the volatile {@code done}. */
  private Throwable error;
  private volatile boolean done;

  Inbound(EventLoop loop, long expectedDemand) {
    this.loop = Objects.requireNonNull(loop, "loop");
    // The loop gone, nobody will consume: cancel upstream (rule 2.6).
    this.inbox = Handoff.unbounded(loop, expectedDemand, h -> drainOnce(), this::cancel);
  }

  /** Applies what arrived; loop thread only. */
  abstract void drainOnce();

  // ---------------------------------------------------------------------------------------------
  // Subscriber: any thread

  @Override
  public final void onSubscribe(Subscription s) {
    Objects.requireNonNull(s, "rule 2.13: onSubscribe(null)");
    if (!UPSTREAM.compareAndSet(this, null, s)) {
      s.cancel(); // rule 2.5, or cancelled before the subscription arrived
      return;
    }
    if (!LOOP.onTerminate(loop, cancelOnExit)) {
      cancel(); // the loop is gone or going: nobody will consume
      return;
    }
    inbox.signal();
  }

  @Override
  public final void onNext(T item) {
    Objects.requireNonNull(item, "rule 2.13: onNext(null)");
    inbox.offer(item);
  }

  @Override
  public final void onError(Throwable t) {
    Objects.requireNonNull(t, "rule 2.13: onError(null)");
    error = t;
    done = true;
    LOOP.removeOnTerminate(loop, cancelOnExit);
    inbox.signal();
  }

  @Override
  public final void onComplete() {
    done = true;
    LOOP.removeOnTerminate(loop, cancelOnExit);
    inbox.signal();
  }

  /** Schedules a drain from outside a signal (a request or cancel made on the loop). */
  final void schedule() {
    inbox.signal();
  }

  // ---------------------------------------------------------------------------------------------
  // For the drain: loop thread

  /** The subscription, null before it arrives, {@link Signals#CANCELLED} after {@link #cancel()}. */
  final Subscription upstream() {
    return upstream;
  }

  final T poll() {
    return inbox.poll();
  }

  /** Read before {@link #poll()} returns null to know the stream of elements is complete. */
  final boolean isDone() {
    return done;
  }

  /** The error of {@code onError}, valid once {@link #isDone()}. */
  final Throwable error() {
    return error;
  }

  final void clear() {
    inbox.clear();
  }

  /** Cancels the subscription (now, or as soon as it arrives); not after a terminal signal. */
  final void cancel() {
    Subscription s = (Subscription) UPSTREAM.getAndSet(this, Signals.CANCELLED);
    if (s != null && s != Signals.CANCELLED && !done) {
      LOOP.removeOnTerminate(loop, cancelOnExit);
      s.cancel();
    }
  }
}
