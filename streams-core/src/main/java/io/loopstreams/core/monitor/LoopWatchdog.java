package io.loopstreams.core.monitor;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.internal.LazyLogger;
import io.loopstreams.core.internal.LoopAccess;
import io.loopstreams.core.stream.Stream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A daemon thread that reports a callback holding an {@link EventLoop} longer than a threshold,
 * with the loop thread's stack and the loop's {@linkplain LoopMonitor#setLabel label}: the answer
 * to "what is blocking my loop?".
 *
 * <p>It samples every threshold/4 through two cheap hooks of the loop, the count of callbacks
 * started and whether the loop is parked in its poll phase. While the loop is not parked and the
 * count has not moved for longer than the threshold, one callback (with the microtasks it queued)
 * holds the loop; it is reported once, however long it lasts. Nothing on the loop thread changes:
 * the loop does not pay for the watchdog.
 *
 * <p>The report is made on the watchdog thread; the sink must not block for long. The thread
 * ends by itself when the loop terminates. Thread-safe.
 */
public final class LoopWatchdog implements AutoCloseable {

  private static final LoopAccess LOOP = LoopAccess.get();

  private static final LazyLogger LOG = new LazyLogger(LoopWatchdog.class.getName());

  // immutable
  private final EventLoop loop;
  private final Duration threshold;
  private final long thresholdNanos;
  private final long periodNanos;
  private final Consumer<BlockedReport> sink;
  private final Thread thread;

  // any thread
  private volatile boolean closed;
  private final AtomicBoolean closing = new AtomicBoolean();

  // watchdog thread only
  private long seenCallback = -1;
  private long seenSince;
  private boolean reported;

  LoopWatchdog(EventLoop loop, Duration threshold, Consumer<BlockedReport> sink) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.threshold = Objects.requireNonNull(threshold, "threshold");
    this.sink = Objects.requireNonNull(sink, "sink");
    if (threshold.isNegative() || threshold.isZero()) {
      throw new IllegalArgumentException("threshold must be positive: " + threshold);
    }
    this.thresholdNanos = threshold.toNanos();
    this.periodNanos = Math.max(1_000_000L, thresholdNanos / 4);
    this.thread = new Thread(this::watch, "loopstreams-watchdog-" + loop.name());
    thread.setDaemon(true);
  }

  LoopWatchdog start() {
    LOOP.watched(loop, 1);
    thread.start();
    return this;
  }

  /** The threshold above which a callback is reported. */
  public Duration threshold() {
    return threshold;
  }

  /** Stops the watchdog thread and waits for it. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return; // closed already (or being closed by another thread)
    }
    closed = true;
    LOOP.watched(loop, -1);
    LockSupport.unpark(thread);
    if (Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void watch() {
    while (!closed && !loop.isTerminated()) {
      LockSupport.parkNanos(this, periodNanos);
      if (!closed) {
        sample();
      }
    }
  }

  private void sample() {
    Thread loopThread = loop.thread();
    if (loopThread == null || loop.isTerminated() || LOOP.isParked(loop)) {
      seenCallback = -1; // not started, gone, or waiting for work: nothing holds the loop
      return;
    }
    long callback = LOOP.callbacksStarted(loop);
    long now = System.nanoTime();
    if (callback != seenCallback) {
      seenCallback = callback;
      seenSince = now;
      reported = false;
      return;
    }
    if (reported || now - seenSince < thresholdNanos) {
      return;
    }
    // First (the stack takes a handshake): an explicit label, else the stream whose hook runs.
    String label = LoopMonitor.labelOf(loopThread);
    if (label == null) {
      label = stageName(LOOP.runningStage(loop));
    }
    StackTraceElement[] stack = loopThread.getStackTrace();
    if (LOOP.callbacksStarted(loop) != callback || LOOP.isParked(loop)) {
      return; // it ended while the stack was taken: the stack would belong to something else
    }
    reported = true;
    BlockedReport report = new BlockedReport(loop.name(), loopThread.getName(),
        Duration.ofNanos(now - seenSince), threshold, callback, label, stack);
    try {
      sink.accept(report);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "loop watchdog sink failed", e);
    }
  }

  /** A stream names itself; any other stage label by its string form. */
  private static String stageName(Object stage) {
    if (stage == null) {
      return null;
    }
    return stage instanceof Stream ? ((Stream) stage).name() : String.valueOf(stage);
  }

  static void log(BlockedReport report) {
    LOG.log(System.Logger.Level.WARNING, report.toString());
  }
}
