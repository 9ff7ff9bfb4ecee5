package io.loopstreams.core;

/**
 * The promise-job (microtask) queue: V8's microtask queue, as a ring of (job, argument) pairs.
 *
 * <p>A promise reaction needs two things when it runs: what to do and how its source settled (the
 * fulfilled value, or the source promise itself: {@link Promise#jobArgument}). The pair lives in
 * the queue's slots, so the job object carries no reference to its source (a derived promise,
 * which is also its own job, fits in 24 bytes). A plain
 * {@link Runnable} ({@link EventLoop#queueMicrotask}) is queued with a null argument.
 *
 * <p>Loop thread only. Unbounded: it grows by doubling and never shrinks (a loop's peak microtask
 * burst is its steady state).
 */
final class JobQueue {

  /** A job that takes the argument it was queued with (its source's outcome, for promise jobs). */
  interface Job {
    void run(Object arg);
  }

  // loop thread only
  private Object[] ring = new Object[64]; // pairs: ring[i] the job, ring[i + 1] its argument
  private int head;
  private int tail;

  void add(Runnable task) {
    add(task, null);
  }

  void add(Object job, Object arg) {
    Object[] r = ring;
    int t = tail;
    r[t] = job;
    r[t + 1] = arg;
    t = (t + 2) & (r.length - 1);
    tail = t;
    if (t == head) {
      grow();
    }
  }

  boolean isEmpty() {
    return head == tail;
  }

  /**
   * Runs the oldest job, if any, and reports whether there was one. The slots are cleared before
   * the job runs, so a job that queues more (the common case) reuses them at once.
   */
  boolean runNext() throws Throwable {
    int h = head;
    if (h == tail) {
      return false;
    }
    Object[] r = ring;
    Object job = r[h];
    Object arg = r[h + 1];
    r[h] = null;
    r[h + 1] = null;
    head = (h + 2) & (r.length - 1);
    if (arg == null) {
      ((Runnable) job).run();
    } else {
      ((Job) job).run(arg);
    }
    return true;
  }

  void clear() {
    java.util.Arrays.fill(ring, null);
    head = 0;
    tail = 0;
  }

  private void grow() {
    Object[] old = ring;
    int n = old.length;
    Object[] bigger = new Object[n * 2];
    int firstPart = n - head; // head == tail: the ring is full
    System.arraycopy(old, head, bigger, 0, firstPart);
    System.arraycopy(old, 0, bigger, firstPart, head);
    head = 0;
    tail = n;
    ring = bigger;
  }
}
