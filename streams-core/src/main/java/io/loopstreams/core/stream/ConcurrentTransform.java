package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.Promise;
import io.loopstreams.core.StreamException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Function;

/**
 * An ordered concurrent transform: each written chunk starts an asynchronous piece of work (a
 * {@link Promise}), up to {@code concurrency} of them run at once, and their results are pushed
 * strictly in input order, whatever order they settle in. The work may run anywhere (the loop's
 * offload pool, a pool of the caller's choice through {@link Promise#from}); the results come back
 * to the loop as promise continuations.
 *
 * <h2>State</h2>
 * <pre>
 *   item:  SUBMITTED ─settles→ SETTLED (waits in its slot if an earlier item is pending)
 *                               ─its turn→ EMITTED (pushed) or FAILED (the stream errors)
 *   write: doTransform → submitted → ACKED at once while nothing is in flight, or fewer than n
 *          run and the readable side is below its mark; else HELD until the head item is
 *          emitted (then Transform's own rule holds it further while the readable side stays full)
 *   end:   doFlush → acceptEnd() → DRAINING (all in flight emitted) → emitEnd() → END
 *   destroy: slots dropped; results that settle later are ignored
 * </pre>
 * A failed item fails the stream only after every item written before it was pushed; items after
 * it are dropped. Memory is bounded by n items in flight plus the readable and writable marks.
 *
 * <p>Subclasses may cut or merge chunks before submitting ({@link #accept}, {@link #acceptEnd})
 * and frame the output ({@link #emit}, {@link #emitEnd}); parallel gzip does all four.
 *
 * <p>Differences from Node: this is {@code readable.map(fn, {concurrency})} as a stage of its
 * own, so it can sit between a source and a destination in a pipeline.
 *
 * @param <I> input chunk type
 * @param <O> output chunk type
 */
public class ConcurrentTransform<I, O> extends Transform<I, O> {

  /** One submitted item: filled in when its promise settles. */
  private static final class Slot<O> {
    boolean settled;
    O value;
    Throwable error;
  }

  // immutable
  private final int concurrency;
  private final Function<? super I, ? extends Promise<? extends O>> fn;

  // loop thread only
  private final ArrayDeque<Slot<O>> slots = new ArrayDeque<>();
  private Callback heldWrite;
  private Callback flushDone;

  /** Applies {@code fn} to each chunk, at most {@code concurrency} at once, order kept. */
  public ConcurrentTransform(StreamOptions options, int concurrency,
      Function<? super I, ? extends Promise<? extends O>> fn) {
    super(options);
    if (concurrency < 1) {
      throw StreamException.outOfRange("concurrency", ">= 1", concurrency);
    }
    this.concurrency = concurrency;
    this.fn = fn;
  }

  /** For subclasses that submit through {@link #accept}; {@code fn} is then unused. */
  protected ConcurrentTransform(StreamOptions options, int concurrency) {
    this(options, concurrency, null);
  }

  /** An object-mode transform applying {@code fn}, at most {@code concurrency} at once. */
  public static <I, O> ConcurrentTransform<I, O> of(int concurrency,
      Function<? super I, ? extends Promise<? extends O>> fn) {
    return new ConcurrentTransform<>(StreamOptions.objects(), concurrency, Objects.requireNonNull(fn, "fn"));
  }

  /** The limit on items in flight. */
  public final int concurrency() {
    return concurrency;
  }

  /** Items submitted and not yet emitted. */
  public final int inFlight() {
    return slots.size();
  }

  // ---- hooks for subclasses ------------------------------------------------------------------

  /** Takes one written chunk; the default submits {@code fn(chunk)}. May submit 0..k items. */
  protected void accept(I chunk) {
    submit(fn.apply(chunk));
  }

  /** Called once after the last chunk was accepted: a last chance to submit. */
  protected void acceptEnd() {
  }

  /** Emits one result, in input order; the default pushes it (null is skipped). */
  protected void emit(O result) {
    if (result != null) {
      push(result);
    }
  }

  /** Called once after the last result was emitted, before the readable side ends. */
  protected void emitEnd() {
  }

  /** Starts tracking {@code work}: its result is emitted after every earlier one. */
  protected final void submit(Promise<? extends O> work) {
    Slot<O> slot = new Slot<>();
    slots.addLast(slot);
    work.onSettled((value, error) -> {
      slot.settled = true;
      slot.value = value;
      slot.error = error;
      drain();
    });
  }

  // ---- Transform -----------------------------------------------------------------------------

  @Override
  protected final void doTransform(I chunk, Callback callback) {
    try {
      accept(chunk);
    } catch (RuntimeException e) {
      callback.done(e);
      return;
    }
    // Held only while something is in flight: its settling is what releases the write. With
    // nothing in flight (a subclass that merges chunks submitted nothing yet) a full readable
    // side is left to Transform's own rule, which releases the write on the next read.
    if (slots.isEmpty()
        || slots.size() < concurrency && readableLength() < readableHighWaterMark()) {
      callback.done(null);
    } else {
      heldWrite = callback;
    }
  }

  @Override
  protected final void doFlush(Callback callback) {
    try {
      acceptEnd();
    } catch (RuntimeException e) {
      callback.done(e);
      return;
    }
    flushDone = callback;
    drain();
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    slots.clear(); // late results find their slot gone and are ignored
    heldWrite = null;
    flushDone = null;
    callback.done(error);
  }

  /** Emits settled results from the head, then releases a held write or the pending end. */
  private void drain() {
    if (destroyed()) {
      return;
    }
    for (Slot<O> head; (head = slots.peekFirst()) != null && head.settled; ) {
      slots.pollFirst();
      if (head.error != null) {
        fail(head.error);
        return;
      }
      O value = head.value;
      head.value = null;
      try {
        emit(value);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
    }
    Callback write = heldWrite;
    if (write != null && slots.size() < concurrency) {
      heldWrite = null;
      write.done(null);
    }
    Callback end = flushDone;
    if (end != null && slots.isEmpty() && heldWrite == null) {
      flushDone = null;
      try {
        emitEnd();
      } catch (RuntimeException e) {
        end.done(e);
        return;
      }
      end.done(null);
    }
  }

  /** Fails the stream through the pending callback when there is one, else by destroying it. */
  private void fail(Throwable error) {
    slots.clear();
    Callback cb = heldWrite != null ? heldWrite : flushDone;
    heldWrite = null;
    flushDone = null;
    if (cb != null) {
      cb.done(error);
    } else {
      destroy(error);
    }
  }
}
