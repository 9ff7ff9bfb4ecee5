package io.loopstreams.core;

import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * One offloaded piece of work and its completion, in a single object so that a hand-off costs
 * one allocation; an {@link OffloadSlot} re-arms its own task for each request, so a slot's
 * hand-offs allocate none. It runs twice: first on a pool thread ({@code done == false}: call
 * the work, store the outcome, post itself to the loop), then on the loop thread in the poll
 * phase ({@code done == true}: deliver the outcome).
 *
 * <p>Happens-before: (0) the loop arms the task ({@code work}, the outcome cleared) and submits it
 * to the pool (the executor's hand-off); (1) the pool thread writes {@code value}/{@code
 * error}/{@code done}; (2) it offers {@code this} to the loop's MPSC inbox (a release); (3) the
 * loop thread polls it (an acquire) and reads the fields. No field is written by the pool thread
 * after (2), and none is read by the loop after the completion was called, so the completion
 * may re-arm and submit the task again.
 */
final class OffloadTask<T> implements Runnable {

  // immutable
  private final EventLoop loop;
  private final OffloadPool pool;
  private final BiConsumer<? super T, ? super Throwable> completion;

  // written by the loop before the hand-off to the pool
  private Callable<? extends T> work;
  // written by the pool thread before the hand-off to the loop, read by the loop after it
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

  /** Loop thread, once the last run's completion was called: arms the task for {@code work}. */
  OffloadTask<T> rearm(Callable<? extends T> work) {
    this.work = work;
    done = false;
    value = null;
    error = null;
    return this;
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
      T v = value;
      Throwable e = error;
      value = null; // nothing kept alive by an idle task
      error = null;
      completion.accept(v, e);
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
