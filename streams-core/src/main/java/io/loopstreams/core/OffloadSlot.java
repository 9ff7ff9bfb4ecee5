package io.loopstreams.core;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * One request in flight on an offload pool, for a stream whose blocking work must stay in order
 * (a file's reads, a compressor's blocks): libuv's one-request-per-handle rule. While a request
 * runs, {@link #whenIdle} defers an action (a stream's close) until the request has come back and
 * its completion has run: a completion that finds its stream destroyed releases what the result
 * holds and returns. A request made of several pool steps elsewhere (a zero-copy transfer) holds
 * the slot with {@link #hold()} and {@link #release()}.
 *
 * <p>Loop thread only. Reuse one slot (and, on hot paths, one {@link Callable} and one
 * completion) per stream: the slot re-arms one task for all its requests, so a request costs no
 * allocation beyond the pool queue's node.
 */
public final class OffloadSlot {

  private final EventLoop loop;
  private final OffloadPool pool;
  private boolean busy;
  /** What waits for the request in flight, or null. */
  private Runnable afterBusy;
  /** The task every request of this slot runs in, re-armed each time (made on first use). */
  private OffloadTask<Object> task;
  /** The completion of the request in flight. */
  private BiConsumer<Object, Throwable> completion;
  private final BiConsumer<Object, Throwable> onDone = this::done;

  private OffloadSlot(EventLoop loop, OffloadPool pool) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** A slot on the loop's own offload pool. */
  public static OffloadSlot of(EventLoop loop) {
    return new OffloadSlot(loop, loop.offloadPool());
  }

  /** A slot on {@code pool}. */
  public static OffloadSlot of(EventLoop loop, OffloadPool pool) {
    return new OffloadSlot(loop, pool);
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
  @SuppressWarnings("unchecked")
  public <T> void submit(Callable<? extends T> work, BiConsumer<? super T, ? super Throwable> completion) {
    if (busy || afterBusy != null) {
      throw new IllegalStateException(busy ? "a request is already in flight" : "the slot is closing");
    }
    loop.checkInLoop();
    Objects.requireNonNull(work, "work");
    busy = true;
    this.completion = (BiConsumer<Object, Throwable>) Objects.requireNonNull(completion, "completion");
    OffloadTask<Object> t = task;
    if (t == null) {
      t = new OffloadTask<>(loop, pool, work, onDone);
      task = t;
    } else {
      t.rearm(work);
    }
    loop.offload(pool, t);
  }

  private void done(Object value, Throwable error) {
    busy = false;
    BiConsumer<Object, Throwable> c = completion;
    completion = null;
    try {
      c.accept(value, error);
    } finally {
      runDeferred();
    }
  }

  /** Marks the slot busy for a request made elsewhere; end it with {@link #release()}. */
  public void hold() {
    if (busy) {
      throw new IllegalStateException("a request is already in flight");
    }
    busy = true;
  }

  /** Ends a {@link #hold()}; returns false if a deferred action was waiting (it has now run). */
  public boolean release() {
    busy = false;
    return !runDeferred();
  }

  private boolean runDeferred() {
    Runnable r = afterBusy;
    if (r == null) {
      return false;
    }
    afterBusy = null;
    r.run();
    return true;
  }

  /**
   * Runs {@code action} now if no request is in flight, else once it has come back, right after
   * its completion. The usual body of a stream's {@code doDestroy}: close after the last request.
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
