package io.loopstreams.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * The one way items cross from other threads onto a loop: producers on any thread {@link #offer}
 * items, and the loop runs one drain callback that takes them in order. A queue-drain (STYLE
 * example 7): a work-in-progress counter lets only the producer that moves it from 0 schedule the
 * drain with {@link EventLoop#execute}, so a burst of items costs one loop task, and a drain
 * already running absorbs signals by looping once more.
 *
 * <p>Used by the Reactive Streams adapters (a foreign {@code Publisher}'s signals), and meant for
 * socket reads arriving on Netty threads and worker message ports. Two kinds:
 * <ul>
 *   <li>{@link #bounded}: a fixed capacity; {@link #offer} returns false when full, and the
 *       producer applies its own backpressure (stop reading, block, fail);
 *   <li>{@link #unbounded}: the producer's count is already bounded by a protocol (the demand a
 *       Reactive Streams subscriber signalled), which a fixed capacity could not express.
 * </ul>
 *
 * <p>When the loop has terminated, a drain cannot be scheduled: the {@code onRejected} action runs
 * on the producer's thread instead (cancel an upstream subscription, release buffers).
 *
 * <h2>Threads</h2>
 * {@link #offer} and {@link #signal}: any thread. {@link #poll}, {@link #isEmpty}, {@link #clear}:
 * the drain, on the loop thread. Happens-before: everything a producer did before {@code offer}
 * or {@code signal} is visible to the drain that follows (the queue's release/acquire, then the
 * {@code wip} counter's).
 *
 * @param <T> the items carried
 */
public final class Handoff<T> implements Runnable {

  private static final VarHandle WIP;

  static {
    try {
      WIP = MethodHandles.lookup().findVarHandle(Handoff.class, "wip", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final EventLoop loop;
  private final Queue<T> queue;
  private final Consumer<Handoff<T>> drain;
  private final Runnable onRejected;
  private volatile int wip;

  private Handoff(EventLoop loop, Queue<T> queue, Consumer<Handoff<T>> drain, Runnable onRejected) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.queue = queue;
    this.drain = Objects.requireNonNull(drain, "drain");
    this.onRejected = Objects.requireNonNull(onRejected, "onRejected");
  }

  /**
   * A hand-off holding at most {@code capacity} items in transit; {@code drain} runs on the loop
   * whenever items or signals arrived; {@code onRejected} runs on the producer's thread when the
   * loop has terminated.
   */
  public static <T> Handoff<T> bounded(EventLoop loop, int capacity, Consumer<Handoff<T>> drain,
      Runnable onRejected) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    return new Handoff<>(loop, new MpscArrayQueue<>(capacity), drain, onRejected);
  }

  /**
   * A hand-off whose length the producer bounds by a protocol of its own; {@code chunkHint} sizes
   * the queue's growth steps.
   */
  public static <T> Handoff<T> unbounded(EventLoop loop, long chunkHint,
      Consumer<Handoff<T>> drain, Runnable onRejected) {
    int chunk = (int) Math.max(8, Math.min(chunkHint, 1024));
    return new Handoff<>(loop, new MpscUnboundedArrayQueue<>(chunk), drain, onRejected);
  }

  /** The loop the drain runs on. */
  public EventLoop loop() {
    return loop;
  }

  /**
   * Any thread: queues {@code item} for the drain. Returns false, queuing nothing, when a bounded
   * hand-off is full.
   */
  public boolean offer(T item) {
    Objects.requireNonNull(item, "item");
    if (!queue.offer(item)) {
      return false;
    }
    signal();
    return true;
  }

  /** Any thread: runs the drain (again) without an item, e.g. after a terminal signal. */
  public void signal() {
    if ((int) WIP.getAndAdd(this, 1) == 0) {
      try {
        loop.execute(this);
      } catch (RejectedExecutionException e) {
        onRejected.run(); // the loop is gone: nobody will drain
      }
    }
  }

  /** The drain: loop thread only. Not for users to call. */
  @Override
  public void run() {
    int missed = 1;
    for (;;) {
      try {
        drain.accept(this);
      } catch (Throwable t) {
        // The drain threw (a listener's uncaught exception): the loop sees the error, and the
        // items still queued drain on a later task (wip unchanged, so producers stay quiet).
        resumeLater();
        throw t;
      }
      missed = (int) WIP.getAndAdd(this, -missed) - missed;
      if (missed == 0) {
        return;
      }
    }
  }

  private void resumeLater() {
    try {
      loop.execute(this);
    } catch (RejectedExecutionException e) {
      onRejected.run();
    }
  }

  /** The drain: the next item, or null. */
  public T poll() {
    return queue.poll();
  }

  /** The drain: whether no item is in transit. */
  public boolean isEmpty() {
    return queue.isEmpty();
  }

  /** The drain: discards every item in transit. */
  public void clear() {
    queue.clear();
  }
}
