package io.loopstreams.core;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One request in flight on an offload pool, for a stream whose blocking work must stay in order
 * (a file's reads, a compressor's blocks): libuv's one-request-per-handle rule. While a request
 * runs, {@link #whenIdle} defers an action (a stream's close) until the request has come back;
 * the request's own completion is then skipped and its result handed to the discard action,
 * which releases what it holds (pooled buffers).
 *
 * <p>Loop thread only. Reuse one slot (and, on hot paths, one {@link Callable} and one
 * completion) per stream: a request costs no allocation beyond the pool's task.
 */
public final class OffloadSlot {

  private final EventLoop loop;
  private final OffloadPool pool;
  private final Consumer<Object> discard;
  private boolean busy;
  /** What waits for the request in flight, or null. */
  private Runnable afterBusy;

  private OffloadSlot(EventLoop loop, OffloadPool pool, Consumer<Object> discard) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.discard = Objects.requireNonNull(discard, "discard");
  }

  /** A slot on the loop's own offload pool whose skipped results need no release. */
  public static OffloadSlot of(EventLoop loop) {
    return new OffloadSlot(loop, loop.offloadPool(), r -> { });
  }

  /**
   * A slot on {@code pool}; {@code discard} receives the non-null result of a request whose
   * completion was skipped because {@link #whenIdle} was waiting for it.
   */
  public static OffloadSlot of(EventLoop loop, OffloadPool pool, Consumer<Object> discard) {
    return new OffloadSlot(loop, pool, discard);
  }

  /** Whether a request is in flight. */
  public boolean busy() {
    return busy;
  }

  /**
   * Runs {@code work} on the pool and {@code completion(value, error)} on the loop.
   *
   * @throws IllegalStateException if a request is already in flight, or an action waits
   */
  public <T> void submit(Callable<? extends T> work, BiConsumer<? super T, ? super Throwable> completion) {
    if (busy || afterBusy != null) {
      throw new IllegalStateException(busy ? "a request is already in flight" : "the slot is closing");
    }
    busy = true;
    loop.offload(pool, work, (T value, Throwable error) -> {
      busy = false;
      if (afterBusy != null) {
        if (value != null) {
          discard.accept(value);
        }
        Runnable r = afterBusy;
        afterBusy = null;
        r.run();
        return;
      }
      completion.accept(value, error);
    });
  }

  /**
   * Runs {@code action} now if no request is in flight, else once it has come back (instead of
   * its completion). The usual body of a stream's {@code doDestroy}: close after the last request.
   */
  public void whenIdle(Runnable action) {
    Objects.requireNonNull(action, "action");
    if (busy) {
      if (afterBusy != null) {
        throw new IllegalStateException("an action already waits for the request in flight");
      }
      afterBusy = action;
    } else {
      action.run();
    }
  }
}
