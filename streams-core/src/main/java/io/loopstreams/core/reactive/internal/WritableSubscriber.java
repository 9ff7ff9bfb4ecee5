package io.loopstreams.core.reactive.internal;

import io.loopstreams.core.Callback;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.WritableStream;
import java.util.Objects;
import org.reactivestreams.Subscription;

/**
 * A {@link WritableStream} (a Writable or a Duplex's writable side) as a {@link
 * org.reactivestreams.Subscriber}.
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
 * The signal hand-off is {@link Inbound}'s. {@code started}, {@code terminated}: loop thread
 * only.
 */
public final class WritableSubscriber<T> extends Inbound<T> {

  /** The chunk size a byte stream's initial demand assumes. */
  static final long EXPECTED_CHUNK_BYTES = 16 * 1024;

  // immutable
  private final WritableStream<T> target;
  private final Stream stream;
  private final long initialDemand;
  private final Callback onWritten = this::written;

  // loop thread only
  private boolean started;
  private boolean terminated;

  public WritableSubscriber(WritableStream<T> target) {
    this(target, Objects.requireNonNull(target, "target").stream(),
        initialDemand(target.writableObjectMode(), target.writableHighWaterMark()));
  }

  private WritableSubscriber(WritableStream<T> target, Stream stream, long initialDemand) {
    super(stream.loop(), initialDemand);
    this.target = target;
    this.stream = stream;
    this.initialDemand = initialDemand;
  }

  /** Objects: the mark (at least 1). Bytes: {@code max(1, mark / EXPECTED_CHUNK_BYTES)}. */
  static long initialDemand(boolean objectMode, long mark) {
    return objectMode ? Math.max(1, mark) : Math.max(1, mark / EXPECTED_CHUNK_BYTES);
  }

  // ---------------------------------------------------------------------------------------------
  // Loop thread only

  @Override
  void drainOnce() {
    Subscription s = upstream();
    if (!started && s != null) {
      started = true;
      stream.on(Stream.CLOSE, (Runnable) this::targetClosed);
      if (s != Signals.CANCELLED) {
        if (dead()) {
          cancel();
        } else {
          s.request(initialDemand);
        }
      }
    }
    for (;;) {
      boolean d = isDone();
      T item = poll();
      if (item == null) {
        if (d && !terminated) {
          terminated = true;
          finish();
        }
        return;
      }
      if (dead()) {
        cancel(); // rule 2.8: keep accepting, drop
      } else {
        target.write(item, onWritten);
      }
    }
  }

  private void finish() {
    Throwable e = error();
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
    if (err != null || isDone()) {
      return;
    }
    Subscription s = upstream();
    if (s != null && s != Signals.CANCELLED) {
      s.request(1);
    }
  }

  private void targetClosed() {
    if (!isDone()) {
      cancel();
    }
  }

  @Override
  public String toString() {
    return "WritableSubscriber[" + stream.name() + "]";
  }
}
