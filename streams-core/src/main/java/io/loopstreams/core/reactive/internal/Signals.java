package io.loopstreams.core.reactive.internal;

import io.loopstreams.core.internal.Exceptions;
import io.loopstreams.core.internal.LazyLogger;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Small shared pieces of the adapters: demand arithmetic (rule 3.17), the rule 3.9 error, the
 * empty subscription of a rejected subscriber, and the one sink for errors that have nowhere to
 * go (Reactor's {@code onErrorDropped}).
 */
public final class Signals {

  private static final LazyLogger LOG = new LazyLogger("io.loopstreams.core.reactive");

  /** A subscription that ignores everything: handed out before an immediate {@code onError}. */
  static final Subscription EMPTY = new Subscription() {
    @Override
    public void request(long n) {
    }

    @Override
    public void cancel() {
    }

    @Override
    public String toString() {
      return "EmptySubscription";
    }
  };

  /** Marks an upstream slot whose subscription was cancelled (or must be, once it arrives). */
  static final Subscription CANCELLED = new Subscription() {
    @Override
    public void request(long n) {
    }

    @Override
    public void cancel() {
    }

    @Override
    public String toString() {
      return "CancelledSubscription";
    }
  };

  private Signals() {
  }

  /** {@code a + b} for non-negative demands, saturating at {@link Long#MAX_VALUE} (rule 3.17). */
  public static long addCap(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  /** The error rule 3.9 asks for; the message names the rule as the TCK suggests. */
  static IllegalArgumentException nonPositiveRequest(long n) {
    return new IllegalArgumentException(
        "rule 3.9: non-positive subscription request (n = " + n + "); request(n) needs n > 0");
  }

  /** Signals {@code onSubscribe(EMPTY)} then {@code onError(error)}: a rejection per rule 1.9. */
  static void reject(Subscriber<?> subscriber, Throwable error) {
    try {
      subscriber.onSubscribe(EMPTY);
    } catch (Throwable t) {
      Exceptions.throwIfFatal(t);
      dropped(t);
      return;
    }
    try {
      subscriber.onError(error);
    } catch (Throwable t) {
      Exceptions.throwIfFatal(t);
      dropped(t);
    }
  }

  /**
   * The sink for an error nobody can receive: a subscriber that threw (rule 2.13 violation) or
   * a stream error after the subscriber went away. Logged at WARNING; fatal JVM errors rethrown.
   */
  static void dropped(Throwable t) {
    Exceptions.throwIfFatal(t);
    LOG.log(System.Logger.Level.WARNING, "reactive adapter: error dropped (no subscriber can receive it)", t);
  }
}
