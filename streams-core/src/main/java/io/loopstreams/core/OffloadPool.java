package io.loopstreams.core;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool that runs blocking work (file I/O, zlib, user CPU work) off the loop threads: libuv's
 * thread pool. One pool is shared by all loops of the JVM; its completions come back to the
 * owning loop through {@link EventLoop#offload}.
 *
 * <p>Size: 4 threads by default (libuv's {@code UV_THREADPOOL_SIZE}), or the system property
 * {@code loopstreams.threadpool.size}, or the environment variable
 * {@code LOOPSTREAMS_THREADPOOL_SIZE} (the property wins), clamped to 1..1024. Threads are
 * daemons started lazily; the queue is FIFO and unbounded, like libuv's.
 *
 * <p>Thread-safe.
 */
public final class OffloadPool {

  /** System property that sets the shared pool's size. */
  public static final String SIZE_PROPERTY = "loopstreams.threadpool.size";
  /** Environment variable that sets the shared pool's size. */
  public static final String SIZE_ENV = "LOOPSTREAMS_THREADPOOL_SIZE";
  static final int DEFAULT_SIZE = 4;
  static final int MAX_SIZE = 1024;

  private static final class Holder {
    static final OffloadPool SHARED =
        new OffloadPool("loopstreams-offload", configuredSize(System.getProperty(SIZE_PROPERTY),
            System.getenv(SIZE_ENV)));
  }

  // immutable
  private final ThreadPoolExecutor executor;
  private final int size;

  // any thread
  private volatile boolean closed;
  // any thread: statistics
  private final LongAdder submitted = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder totalWaitNanos = new LongAdder();
  private final AtomicLong maxWaitNanos = new AtomicLong();

  /** Creates a private pool; most code uses {@link #shared()}. */
  public OffloadPool(String threadNamePrefix, int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("offload pool size must be in 1.." + MAX_SIZE + ": " + size);
    }
    this.size = size;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, threadNamePrefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.executor = new ThreadPoolExecutor(size, size, 0L, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), factory);
  }

  /** The JVM-wide pool shared by all loops. */
  public static OffloadPool shared() {
    return Holder.SHARED;
  }

  /** Parses a configured size: the property wins over the environment; default 4. */
  static int configuredSize(String property, String env) {
    String raw = property != null && !property.isBlank() ? property : env;
    if (raw == null || raw.isBlank()) {
      return DEFAULT_SIZE;
    }
    int n;
    try {
      n = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid offload pool size '" + raw + "' (from " + SIZE_PROPERTY + " or " + SIZE_ENV + ")", e);
    }
    return Math.max(1, Math.min(MAX_SIZE, n));
  }

  /** Number of threads. */
  public int size() {
    return size;
  }

  /** Tasks waiting for a thread right now. */
  public int queueDepth() {
    return executor.getQueue().size();
  }

  /** Tasks running right now. */
  public int activeCount() {
    return executor.getActiveCount();
  }

  /** Tasks submitted since the pool started. */
  public long submittedTasks() {
    return submitted.sum();
  }

  /** Tasks that started running since the pool started. */
  public long startedTasks() {
    return completed.sum();
  }

  /** Mean time a task waited in the queue before a thread took it, in nanoseconds. */
  public long meanWaitNanos() {
    long n = completed.sum();
    return n == 0 ? 0 : totalWaitNanos.sum() / n;
  }

  /** Longest time a task waited in the queue, in nanoseconds. */
  public long maxWaitNanos() {
    return maxWaitNanos.get();
  }

  /**
   * Lets the threads of a private pool end once the tasks already submitted ran; submitting after
   * this is an error. For a pool made for one job (a parallel gzip's compressors); the shared
   * pool cannot be closed.
   */
  public void close() {
    if (this == Holder.SHARED) {
      throw new IllegalStateException("the shared offload pool cannot be closed");
    }
    if (closed) {
      return;
    }
    closed = true;
    // ThreadPoolExecutor.shutdown() takes the pool's main lock twice, and between the two the idle
    // threads it interrupted end, each taking that lock: a loop thread must not wait for them. So
    // one of the pool's own threads shuts the pool down, once the tasks queued before it started.
    enqueue(executor::shutdown);
  }

  /**
   * Runs {@code task} on a pool thread, recording its queue wait.
   *
   * @throws RejectedExecutionException once the pool is closed
   */
  void submit(OffloadTask<?> task) {
    if (closed) {
      throw new RejectedExecutionException("the offload pool is closed");
    }
    task.enqueuedNanos = System.nanoTime();
    submitted.increment();
    enqueue(task);
  }

  /**
   * The hand-off into the queue, the one point where a loop thread touches the executor: the
   * queue's and the executor's locks are held by other threads only for a few instructions.
   */
  private void enqueue(Runnable task) {
    executor.execute(task);
  }

  /** Called by a pool thread as it starts a task. */
  void recordStart(long enqueuedNanos) {
    long waited = System.nanoTime() - enqueuedNanos;
    completed.increment();
    totalWaitNanos.add(waited);
    if (waited > maxWaitNanos.get()) {
      maxWaitNanos.accumulateAndGet(waited, Math::max);
    }
  }

  @Override
  public String toString() {
    return "OffloadPool[size=" + size + ", queued=" + queueDepth() + ", active=" + activeCount()
        + ", meanWait=" + meanWaitNanos() / 1000 + "us]";
  }
}
