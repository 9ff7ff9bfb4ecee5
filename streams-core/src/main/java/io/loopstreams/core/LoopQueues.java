package io.loopstreams.core;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * What the phases run, and Node's API that fills it: timers and intervals ({@link LoopTimers}),
 * immediates, the nextTick and promise-job queues, pending and close callbacks, the loop's cached
 * time and its ref count. The second layer of {@link EventLoop}; loop thread only.
 */
abstract class LoopQueues extends LoopThread {

  // loop thread only
  final LoopTimers timers = new LoopTimers();
  final ArrayDeque<Immediate> immediates = new ArrayDeque<>();
  final ArrayDeque<Runnable> nextTicks = new ArrayDeque<>();
  final JobQueue microtasks = new JobQueue();
  final ArrayDeque<Runnable> pending = new ArrayDeque<>();
  final ArrayDeque<Runnable> closing = new ArrayDeque<>();
  long nowNanos;
  int refs;

  LoopQueues(String name) {
    super(name);
  }

  private EventLoop self() {
    return (EventLoop) this;
  }

  /**
   * Calls {@code callback} once after {@code delayMillis} (coerced to 1 unless in 1..2^31-1, as
   * Node). Equal due times run in creation order.
   */
  public Timeout setTimeout(Runnable callback, long delayMillis) {
    return newTimer(callback, delayMillis, false);
  }

  /** Calls {@code callback} every {@code delayMillis} until cleared. */
  public Timeout setInterval(Runnable callback, long delayMillis) {
    return newTimer(callback, delayMillis, true);
  }

  /** Cancels a timeout or interval; clearing null or an already fired timer is a no-op. */
  public void clearTimeout(Timeout timeout) {
    checkInLoop();
    if (timeout != null) {
      timeout.cleared = true;
      timers.remove(timeout);
      timeout.disarm();
    }
  }

  /** Same as {@link #clearTimeout}: Node's two functions are interchangeable. */
  public void clearInterval(Timeout interval) {
    clearTimeout(interval);
  }

  /** Queues {@code callback} for the check phase, after the poll phase of this iteration. */
  public Immediate setImmediate(Runnable callback) {
    checkInLoop();
    Immediate im = new Immediate(self(), Objects.requireNonNull(callback, "callback"));
    im.activate();
    immediates.add(im);
    return im;
  }

  /** Cancels an immediate that has not run yet; a no-op otherwise. */
  public void clearImmediate(Immediate immediate) {
    checkInLoop();
    if (immediate != null && !immediate.cleared) {
      immediate.cleared = true;
      immediate.deactivate();
    }
  }

  /** Queues {@code callback} on the nextTick queue, drained before promise jobs. */
  public void nextTick(Runnable callback) {
    checkInLoop();
    nextTicks.add(Objects.requireNonNull(callback, "callback"));
  }

  /** Queues {@code callback} as a promise job (V8's microtask queue). */
  public void queueMicrotask(Runnable callback) {
    checkInLoop();
    microtasks.add(Objects.requireNonNull(callback, "callback"));
  }

  /** Queues a promise job with the promise it reacts to (never null). */
  void enqueueJob(JobQueue.Job job, Object arg) {
    microtasks.add(job, arg);
  }

  /** Runs {@code callback} in the pending-callbacks phase of the next iteration. */
  public void schedulePending(Runnable callback) {
    checkInLoop();
    pending.add(Objects.requireNonNull(callback, "callback"));
  }

  /** Runs {@code callback} in the close-callbacks phase of this or the next iteration. */
  public void scheduleClose(Runnable callback) {
    checkInLoop();
    closing.add(Objects.requireNonNull(callback, "callback"));
  }

  /**
   * A handle that keeps the loop alive until closed: for I/O objects (servers, sockets) whose
   * activity happens on other threads.
   */
  public LoopHandle keepAlive() {
    checkInLoop();
    LoopHandle h = new LoopHandle(self()) {
      @Override
      public void close() {
        loop.checkInLoop();
        deactivate();
      }
    };
    h.activate();
    return h;
  }

  private Timeout newTimer(Runnable callback, long delayMillis, boolean repeat) {
    checkInLoop();
    Objects.requireNonNull(callback, "callback");
    Timeout t = new Timeout(self(), callback, LoopTimers.coerceDelay(delayMillis), repeat);
    timers.schedule(t, nowNanos);
    return t;
  }

  void refreshTimer(Timeout t) {
    checkInLoop();
    if (t.cleared) {
      return; // Node: refresh() of a cleared timer is a no-op
    }
    timers.remove(t);
    timers.schedule(t, nowNanos);
  }

  void addRefs(int delta) {
    refs += delta;
  }

  /** The cached time of this loop iteration, in nanoseconds; for counters on hot paths. */
  long cachedNanos() {
    return nowNanos;
  }

  /** The loop's cached time for this phase, in milliseconds of {@link System#nanoTime()}. */
  public long now() {
    checkInLoop();
    return nowNanos / 1_000_000L;
  }
}
