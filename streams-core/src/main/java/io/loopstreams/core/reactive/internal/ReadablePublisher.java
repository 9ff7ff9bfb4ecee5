package io.loopstreams.core.reactive.internal;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.internal.LazyLogger;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * A {@link Readable} as a unicast {@link Publisher}: the first subscriber gets the stream (a
 * {@link ReadableSubscription}); any later one gets {@code onSubscribe} then {@code onError}
 * (rule 1.9: never a throw from {@code subscribe}, except NPE for null, rule 1.9).
 *
 * <p>From creation on, the publisher is the source's ERROR, END and CLOSE listener for life: an
 * error that happens before anyone subscribes is kept and delivered to the subscriber, and an
 * error after the subscriber went away is dropped to the debug log instead of becoming an
 * uncaught exception on the loop. It attaches a READABLE listener (paused mode) only when the
 * subscription starts: do not also pipe or flow the source.
 *
 * <p>Thread-safe: {@code subscribe} may be called from any thread; the listeners are attached
 * on the loop ({@code loop.execute} when created elsewhere).
 */
public final class ReadablePublisher<T> implements Publisher<T> {

  private static final LazyLogger LOG = new LazyLogger(ReadablePublisher.class.getName());
  private static final VarHandle SUBSCRIBED;

  static {
    try {
      SUBSCRIBED = MethodHandles.lookup().findVarHandle(ReadablePublisher.class, "subscribed", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // immutable
  final Readable<T> source;
  final EventLoop loop;

  // any thread
  /** 0 until the first subscribe wins the CAS to 1. */
  private volatile int subscribed;

  // loop thread only
  private boolean watching;
  /** What the source emitted so far (ERROR payload, END, CLOSE). */
  Throwable error;
  boolean ended;
  boolean closed;
  /** The running subscription, once its first drain ran; null after it terminated. */
  ReadableSubscription<T> active;

  public ReadablePublisher(Readable<T> source) {
    this.source = Objects.requireNonNull(source, "source");
    this.loop = source.loop();
    if (loop.inLoop()) {
      watch();
    } else {
      try {
        loop.execute(this::watch);
      } catch (RejectedExecutionException e) {
        // The loop is gone: subscribe() reports it to the subscriber.
      }
    }
  }

  /** Attaches the lifetime listeners once (loop thread); the first drain calls it too. */
  void watch() {
    if (watching) {
      return;
    }
    watching = true;
    source.on(Stream.ERROR, e -> {
      if (error == null) {
        error = e;
      }
      ReadableSubscription<T> s = active;
      if (s != null) {
        s.signal();
      } else if (subscribed != 0) {
        LOG.log(System.Logger.Level.DEBUG, () -> source.name() + ": error after the subscriber left", e);
      }
    });
    source.on(Stream.END, () -> {
      ended = true;
      signalActive();
    });
    source.on(Stream.CLOSE, () -> {
      closed = true;
      signalActive();
    });
  }

  private void signalActive() {
    ReadableSubscription<T> s = active;
    if (s != null) {
      s.signal();
    }
  }

  @Override
  public void subscribe(Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "rule 1.9: subscribe(null)");
    if (!SUBSCRIBED.compareAndSet(this, 0, 1)) {
      Signals.reject(subscriber, new IllegalStateException(
          "rule 1.11: this Publisher over " + source.name() + " is unicast and already has a subscriber"));
      return;
    }
    new ReadableSubscription<>(this, subscriber).schedule();
  }

  @Override
  public String toString() {
    return "ReadablePublisher[" + source.name() + "]";
  }
}
