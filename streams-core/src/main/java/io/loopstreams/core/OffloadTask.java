package io.loopstreams.core;

import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * One offloaded piece of work and its completion, in a single object so that a hand-off costs
 * one allocation. It runs twice: first on a pool thread ({@code done == false}: call the work,
 * store the outcome, post itself to the loop), then on the loop thread in the poll phase
 * ({@code done == true}: deliver the outcome).
 *
 * <p>Happens-before: (1) the pool thread writes {@code value}/{@code error}/{@code done};
 * (2) it offers {@code this} to the loop's MPSC inbox (a release); (3) the loop thread polls it
 * (an acquire) and reads the fields. No field is written after (2).
 */
final class OffloadTask<T> implements Runnable {

  // immutable
  private final EventLoop loop;
  private final OffloadPool pool;
  private final Callable<? extends T> work;
  private final BiConsumer<? super T, ? super Throwable> completion;

  // written by the pool thread before the hand-off, read by the loop after it
  long enqueuedNanos;
  private boolean done;
  private T value;
  private Throwable error;

  OffloadTask(EventLoop loop, OffloadPool pool, Callable<? extends T> work,
      BiConsumer<? super T, ? super Throwable> completion) {
    this.loop = loop;
    this.pool = pool;
    this.work = work;
    this.completion = completion;
  }

  @Override
  public void run() {
    if (!done) {
      pool.recordStart(enqueuedNanos);
      try {
        value = work.call();
      } catch (Throwable t) {
        error = t;
      }
      done = true;
      if (!loop.post(this)) {
        discard(value);
      }
    } else {
      loop.endRequest();
      completion.accept(value, error);
    }
  }

  /**
   * The loop terminated before the outcome could reach it: nobody will ever receive it. A
   * resource (an opened channel, a descriptor) is closed here rather than leaked.
   */
  private static void discard(Object value) {
    if (value instanceof AutoCloseable resource) {
      try {
        resource.close();
      } catch (Exception ignored) {
        // nobody to report to: the loop is gone
      }
    }
  }
}
