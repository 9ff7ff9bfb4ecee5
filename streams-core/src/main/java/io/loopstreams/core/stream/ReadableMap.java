package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.Promise;
import io.loopstreams.core.StreamException;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * {@link Readable#map}: Node's {@code map} operator ({@code lib/internal/streams/operators.js}).
 * Up to {@code concurrency} calls of {@code fn} in flight; results pushed in source order; at
 * most {@code concurrency + highWaterMark} items taken from the source and not yet pushed
 * (Node's queue limit, {@code highWaterMark} defaulting to {@code concurrency - 1}).
 *
 * <p>{@code fn} returns a {@link Promise} (async) or a value (sync map). A throw, a rejection, a
 * null result or a source error becomes a failed slot in the queue: pulling stops at once, the
 * items before it are still pushed, and when the consumer asks for the item after them the
 * operator is destroyed with that error (see {@link #failWhenRead}), which destroys the source.
 * Destroying the operator destroys the source.
 *
 * <p>Subclasses ({@link ReadableFilter}, {@link ReadableTake}, {@link ReadableDrop}) change
 * {@link #apply}; {@link #SKIP} pushes nothing for that item.
 *
 * <h2>State</h2>
 * <pre>
 *   queue:   slots in source order; a slot is pending (promise in flight) or settled
 *   pulling: until the source ends/fails, a slot fails, or {@link #finishEarly()}
 *   EOF:     pushed once the source ended and the queue is empty
 * </pre>
 * {@code wanted} is true from {@code doRead} until {@code push} returns false: settled results
 * wait in the queue while the consumer is not reading.
 *
 * @param <T> source item type
 * @param <R> result type
 */
class ReadableMap<T, R> extends Readable<R> {

  /** A result that pushes nothing (filter, drop). */
  static final Object SKIP = new Object();

  /** One queued item: pending until {@code settled}; then {@code value} or {@code error}. */
  private static final class Slot {
    boolean settled;
    Object value;
    Throwable error;
  }

  // immutable
  final SourcePull<T> pull;
  private final Function<? super T, ?> fn;
  private final int concurrency;
  private final long limit;

  // loop thread only
  private final ArrayDeque<Slot> queue = new ArrayDeque<>();
  private int inFlight;
  private boolean started;
  /** No more items are taken from the source. */
  private boolean stopped;
  /** The source has no more items: EOF follows the last queued result. */
  private boolean sourceEnded;
  private boolean eofPushed;
  private boolean wanted;
  private boolean draining;
  private boolean again;
  private boolean failScheduled;

  /**
   * @param fn returns the result, {@link #SKIP}, or a {@link Promise} of either
   * @param concurrency calls in flight at most (>= 1)
   * @param highWaterMark items settled and not yet pushed, beyond {@code concurrency} (>= 0)
   */
  ReadableMap(Readable<T> source, Function<? super T, ?> fn, int concurrency, long highWaterMark) {
    super(source.loop, StreamOptions.objects().highWaterMark(1));
    if (concurrency < 1) {
      throw StreamException.outOfRange("options.concurrency", ">= 1 && <= 9007199254740991", concurrency);
    }
    if (highWaterMark < 0) {
      throw StreamException.outOfRange("options.highWaterMark", ">= 0 && <= 9007199254740991", highWaterMark);
    }
    this.pull = new SourcePull<>(source, this::drain, this::sourceDone);
    this.fn = fn;
    this.concurrency = concurrency;
    this.limit = concurrency + highWaterMark;
  }

  /** Computes the result for one item: a value, {@link #SKIP}, or a promise of either. */
  Object apply(T item) {
    return fn.apply(item);
  }

  /** Called once, on the first {@code doRead}, before anything is pulled. */
  void onStart() {
  }

  /**
   * Stops pulling: what is queued is still pushed, then EOF; the source is destroyed now
   * (Node's {@code take} returning from its {@code for await}).
   */
  final void finishEarly() {
    stopped = true;
    sourceEnded = true;
    pull.close();
  }

  @Override
  protected void doRead(long size) {
    wanted = true;
    if (!started) {
      started = true;
      onStart();
      pull.start();
    }
    drain();
  }

  private void drain() {
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    try {
      do {
        again = false;
        pumpSource();
        deliver();
      } while (again && !destroyed());
    } finally {
      draining = false;
    }
  }

  private void pumpSource() {
    while (!stopped && inFlight < concurrency && queue.size() < limit && !destroyed()) {
      T item = pull.next();
      if (item == null) {
        return;
      }
      Slot slot = new Slot();
      queue.addLast(slot);
      Object result;
      try {
        result = apply(item);
      } catch (Throwable t) {
        fail(slot, t);
        return;
      }
      if (result instanceof Promise<?> promise) {
        inFlight++;
        promise.onSettled((value, error) -> {
          inFlight--;
          if (destroyed()) {
            return;
          }
          if (error != null) {
            fail(slot, error);
          } else {
            settle(slot, value);
          }
          drain();
        });
      } else {
        settle(slot, result);
      }
    }
  }

  private void settle(Slot slot, Object value) {
    if (value == null) {
      fail(slot, StreamException.nullValues());
    } else {
      slot.settled = true;
      slot.value = value;
    }
  }

  private void fail(Slot slot, Throwable error) {
    slot.settled = true;
    slot.error = error;
    stopped = true;
  }

  @SuppressWarnings("unchecked")
  private void deliver() {
    while (!destroyed()) {
      Slot head = queue.peekFirst();
      if (head == null) {
        if (sourceEnded && !eofPushed) {
          eofPushed = true;
          push(null);
        }
        return;
      }
      if (!head.settled) {
        return;
      }
      if (!wanted) {
        return;
      }
      if (head.error != null) {
        failWhenRead(head.error);
        return;
      }
      queue.pollFirst();
      again = !stopped;
      if (head.value != SKIP) {
        // A doRead re-entered from inside push sets wanted again.
        wanted = false;
        if (push((R) head.value)) {
          wanted = true;
        }
      }
    }
  }

  /**
   * Node's operator raises the error only on the consumer's next {@code next()}, and
   * {@code Readable.from} destroys a microtask after that {@code _read}. A {@code doRead} with a
   * result still buffered comes from the {@code read()} that is taking it: destroying now would
   * discard it, so the destroy waits for that read to return.
   */
  private void failWhenRead(Throwable error) {
    if (length == 0) {
      destroy(error);
    } else if (!failScheduled) {
      failScheduled = true;
      loop.queueMicrotask(() -> destroy(error));
    }
  }

  private void sourceDone(Throwable error) {
    stopped = true;
    if (error != null) {
      Slot slot = new Slot();
      queue.addLast(slot);
      fail(slot, error);
    } else {
      sourceEnded = true;
    }
    drain();
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    stopped = true;
    queue.clear();
    pull.close();
    callback.done(error);
  }

  @Override
  public StreamSnapshot snapshot() {
    return StreamSnapshot.of(this, readableFlags() + lifeFlags() + "IN_FLIGHT=" + inFlight
        + " QUEUED=" + queue.size() + " ", length, -1);
  }
}
