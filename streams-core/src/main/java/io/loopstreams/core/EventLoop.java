package io.loopstreams.core;

import io.loopstreams.core.internal.LazyLogger;
import io.loopstreams.core.internal.LoopAccess;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A single-threaded event loop with Node's phases and microtasks. Every stream, timer, promise
 * and emitter belongs to exactly one loop, and all their callbacks run on its thread.
 *
 * <h2>One iteration</h2>
 * Timers run once before the first iteration, then each iteration is (libuv ≥ 1.45, Node ≥ 20):
 * <pre>
 *   pending → poll (offload completions and {@link #execute} tasks; waits when nothing is due)
 *           → check ({@link #setImmediate}, a snapshot) → close callbacks → timers
 * </pre>
 * After <em>every</em> callback the microtasks drain: the {@link #nextTick} queue first, then
 * promise jobs ({@link #queueMicrotask}), repeated until both are empty; then unhandled
 * rejections are processed.
 *
 * <h2>Running</h2>
 * {@link #run(Consumer)} runs {@code main} on the calling thread and returns when no ref'd
 * handle (timer, immediate, server, socket) and no request (offloaded work) remains: Node's
 * process exit. {@link #start()} runs the loop on its own thread until {@link #close()}, for
 * servers, tests and embedding.
 *
 * <h2>Errors</h2>
 * A callback that throws is an uncaught exception: it goes to the {@link
 * #onUncaughtException} handlers; with none, the loop stops and {@code run} rethrows it (Node
 * exits). A rejected promise still unhandled after a microtask drain is an unhandled rejection,
 * handled per {@link UnhandledRejectionMode} (default {@code THROW}, as Node ≥ 15).
 *
 * <h2>Closing</h2>
 * {@link #close()} (or the end of {@link #run}) stops the phases after the current callback:
 * timers, immediates and pending/close callbacks not yet run are dropped, as Node drops them at
 * exit. Then, like Netty's graceful shutdown and unlike {@code shutdownNow}, the loop runs every
 * task already accepted by {@link #execute}/{@link #call} (each followed by its microtasks), so
 * every {@code call} future completes; a task offered afterwards from another thread is refused
 * with a {@link RejectedExecutionException}, never queued and forgotten. Then it releases what
 * was registered to be released on exit: a foreign Reactive Streams subscription is cancelled,
 * a future bridging a promise to another thread ({@link Promise#await()}) fails with an {@link
 * IllegalStateException}, a resource of another module is closed. Streams that hold nothing
 * outside the loop are not touched: they simply never run again.
 *
 * <h2>Threads</h2>
 * {@link #execute}, {@link #call}, {@link #close}, {@link #inLoop} and the accessors are
 * thread-safe. Everything else is loop-confined and fails fast with an {@link
 * IllegalStateException} naming both threads when called from elsewhere.
 *
 * <h2>Differences from Node</h2>
 * Delays are {@code long} milliseconds (no NaN); a delay outside 1..2^31-1 becomes 1 ms, as in
 * Node, with one warning through {@link System.Logger} for too-large values. There is no
 * {@code process}: its events are methods here ({@link #onUncaughtException}, {@link
 * #onBeforeExit}, ...). A callback is a {@link Runnable}; Node's extra arguments are captured by
 * the lambda.
 */
public final class EventLoop extends LoopProcess implements Executor, AutoCloseable {

  /** Where an uncaught error came from, as Node's {@code origin} argument. */
  public enum Origin {
    UNCAUGHT_EXCEPTION,
    UNHANDLED_REJECTION
  }

  /** What happens to a promise rejected with no handler (Node's {@code --unhandled-rejections}). */
  public enum UnhandledRejectionMode {
    /** Raise it as an uncaught exception unless an {@code onUnhandledRejection} handler exists. */
    THROW,
    /** Log a warning and continue. */
    WARN,
    /** Ignore it. */
    NONE
  }

  private static final LazyLogger LOG = new LazyLogger(EventLoop.class.getName());
  private static final AtomicInteger IDS = new AtomicInteger();
  /** Poll-phase budget: completions handled per poll so timers and immediates are not starved. */
  private static final int POLL_BUDGET = 1024;

  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int TERMINATED = 2;

  private static final VarHandle LIFECYCLE;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      LIFECYCLE = l.findVarHandle(EventLoop.class, "lifecycle", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
    LoopAccess.install(new LoopInternals());
  }

  // immutable
  private final OffloadPool pool;
  /** The time source: the system clock, or a test's {@link VirtualTime}. */
  private final LoopClock clock;

  // any thread
  private final LoopInbox inbox = new LoopInbox();
  private final LoopResources resources = new LoopResources();
  private volatile int lifecycle = NEW;
  private final LoopProbe probe = new LoopProbe();
  private volatile boolean stopRequested;
  private final CompletableFuture<Void> termination = new CompletableFuture<>();

  // loop thread only
  private int requests;
  private boolean keepAlive;
  private boolean stopped;

  private EventLoop(String name, OffloadPool pool, LoopClock clock) {
    super(name);
    this.pool = pool;
    this.clock = clock;
    this.nowNanos = clock.now(0, false, 0);
  }

  /** A new loop, not yet running, using the shared {@link OffloadPool}. */
  public static EventLoop create() {
    return create("loop-" + IDS.incrementAndGet());
  }

  /** A new named loop, not yet running, using the shared {@link OffloadPool}. */
  public static EventLoop create(String name) {
    return new EventLoop(Objects.requireNonNull(name, "name"), OffloadPool.shared(), LoopClock.SYSTEM);
  }

  /** A new named loop using its own offload pool. */
  public static EventLoop create(String name, OffloadPool pool) {
    return new EventLoop(Objects.requireNonNull(name, "name"), Objects.requireNonNull(pool, "pool"),
        LoopClock.SYSTEM);
  }

  /** A loop whose time comes from {@code clock} ({@link VirtualTime}). */
  static EventLoop create(String name, OffloadPool pool, LoopClock clock) {
    return new EventLoop(name, pool, clock);
  }

  /**
   * Creates a loop, runs {@code main} on the calling thread and returns when nothing ref'd
   * remains. An uncaught exception with no handler is rethrown (wrapped in an {@link
   * UncaughtException} if checked).
   */
  public static void run(Consumer<EventLoop> main) {
    create().runMain(main);
  }

  /** Instance form of {@link #run(Consumer)}: runs this loop on the calling thread. */
  public void runMain(Consumer<EventLoop> main) {
    Objects.requireNonNull(main, "main");
    claim(Thread.currentThread());
    try {
      loop(() -> main.accept(this));
    } finally {
      CURRENT.remove();
    }
    events.rethrowFatal();
  }

  /** Starts the loop on a new thread; it stays alive until {@link #close()}. Returns this loop. */
  public EventLoop start() {
    Thread t = new Thread(() -> {
      try {
        loop(null);
      } finally {
        CURRENT.remove();
      }
    }, "loopstreams-" + name);
    t.setDaemon(true);
    claim(t);
    t.start();
    return this;
  }

  private void claim(Thread t) {
    if (!LIFECYCLE.compareAndSet(this, NEW, RUNNING)) {
      throw new IllegalStateException("loop " + name + " was already started");
    }
    setThread(t);
    keepAlive = t != Thread.currentThread();
  }

  // ---------------------------------------------------------------------------------------------
  // The phases

  private void loop(Runnable main) {
    CURRENT.set(this);
    try {
      updateTime();
      if (main != null) {
        runCallback(main);
      }
      if (!stopped) {
        updateTime();
        runTimers();
      }
      while (!stopped) {
        while (!stopped && alive()) {
          runOnce();
        }
        if (stopped) {
          break;
        }
        runHandlers(events.beforeExitHandlers());
        if (!alive()) {
          break;
        }
      }
      if (events.fatal() == null) {
        runHandlers(events.exitHandlers());
      }
    } catch (Throwable t) {
      // Only an error inside the loop's own machinery gets here; callbacks are guarded.
      events.recordFatal(t);
    } finally {
      try {
        runAcceptedTasksAndRelease();
      } catch (Throwable t) {
        events.recordFatal(t);
      }
      lifecycle = TERMINATED;
      Throwable fatal = events.fatal();
      if (fatal != null) {
        if (keepAlive) {
          LOG.log(System.Logger.Level.ERROR, "loop " + name + " stopped by an uncaught exception", fatal);
        }
        termination.completeExceptionally(fatal);
      } else {
        termination.complete(null);
      }
    }
  }

  /**
   * The exit: no task accepted by {@link #execute} is lost (the inbox refuses new ones from other
   * threads, then drains to empty), then the registered resources are released.
   */
  private void runAcceptedTasksAndRelease() {
    // What the stopped callback queued is dropped with the timers, as before the close.
    nextTicks.clear();
    microtasks.clear();
    inbox.close();
    boolean released = false;
    while (!released || !inbox.isEmpty()) {
      Runnable task;
      while ((task = inbox.poll()) != null) {
        stopped = false;
        runCallback(task);
      }
      if (!released) {
        released = true;
        for (Runnable action : resources.closeAll()) {
          stopped = false;
          runCallback(action);
        }
      }
    }
    stopped = true;
  }

  /**
   * Registers {@code action} to run on this loop's thread when the loop terminates; false if it
   * already released its resources (the caller releases at once). Thread-safe.
   */
  boolean onTerminate(Runnable action) {
    return resources.add(Objects.requireNonNull(action, "action"));
  }

  /** Forgets an action of {@link #onTerminate}. Thread-safe. */
  void removeOnTerminate(Runnable action) {
    resources.remove(action);
  }

  /** One iteration after the first timers run, in libuv ≥ 1.45 order. */
  private void runOnce() {
    runQueue(pending);
    poll();
    runCheck();
    runQueue(closing);
    updateTime();
    runTimers();
  }

  private boolean alive() {
    if (stopRequested) {
      stopped = true;
      return false;
    }
    return refs > 0 || requests > 0 || keepAlive || !pending.isEmpty() || !closing.isEmpty()
        || !inbox.isEmpty();
  }

  private void updateTime() {
    Timeout next = timers.peek();
    nowNanos = clock.now(nowNanos, next != null, next != null ? next.dueNanos : 0);
  }

  private void runTimers() {
    long now = nowNanos;
    Timeout t;
    while (!stopped && (t = timers.pollDue(now)) != null) {
      runCallback(t.callback);
    }
  }

  private void runCheck() {
    // A snapshot: immediates queued while this phase runs wait for the next iteration.
    for (int n = immediates.size(); n > 0 && !stopped; n--) {
      Immediate im = immediates.poll();
      if (im.cleared) {
        continue;
      }
      im.cleared = true;
      im.deactivate();
      runCallback(im.callback);
    }
  }

  private void runQueue(ArrayDeque<Runnable> queue) {
    for (int n = queue.size(); n > 0 && !stopped; n--) {
      runCallback(queue.poll());
    }
  }

  private void poll() {
    if (stopped) {
      return;
    }
    long timeout = pollTimeoutNanos();
    if (timeout != 0 && inbox.isEmpty()) {
      inbox.park(timeout, this);
      updateTime();
    }
    for (int n = 0; n < POLL_BUDGET && !stopped; n++) {
      Runnable task = inbox.poll();
      if (task == null) {
        break;
      }
      runCallback(task);
    }
  }

  /** 0: don't wait; -1: wait for a wake-up; else nanoseconds until the nearest timer. */
  private long pollTimeoutNanos() {
    if (!immediates.isEmpty() || !closing.isEmpty() || !pending.isEmpty() || stopRequested) {
      return 0;
    }
    Timeout next = timers.peek();
    return clock.pollTimeout(next != null, next != null ? next.dueNanos : 0);
  }

  /** Runs a macrotask callback, then drains microtasks. */
  private void runCallback(Runnable callback) {
    probe.tick();
    try {
      callback.run();
    } catch (Throwable t) {
      events.uncaught(t, Origin.UNCAUGHT_EXCEPTION);
    }
    drainMicrotasks();
  }

  /**
   * Node's {@code processTicksAndRejections}: all nextTicks, then all promise jobs (including
   * those queued meanwhile), until both are empty and no unhandled rejection queued more work.
   */
  void drainMicrotasks() {
    do {
      Runnable r;
      while (!stopped && (r = nextTicks.poll()) != null) {
        runTask(r);
      }
      while (!stopped && runJob()) {
        // each job may queue more; the loop runs until the queue is empty
      }
    } while (!stopped && (!nextTicks.isEmpty() || events.processRejections() || !microtasks.isEmpty()));
  }

  private boolean runJob() {
    try {
      return microtasks.runNext();
    } catch (Throwable t) {
      events.uncaught(t, Origin.UNCAUGHT_EXCEPTION);
      return true;
    }
  }

  private void runTask(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      events.uncaught(t, Origin.UNCAUGHT_EXCEPTION);
    }
  }

  /** An uncaught error with no handler (or a fatal one): the loop stops after this callback. */
  void stop() {
    stopped = true;
  }

  boolean stopped() {
    return stopped;
  }

  private void runHandlers(List<Runnable> handlers) {
    for (Runnable h : List.copyOf(handlers)) {
      if (stopped) {
        return;
      }
      runCallback(h);
    }
  }


  // ---------------------------------------------------------------------------------------------
  // Cross-thread entry points and offload

  /**
   * Runs {@code task} on this loop's thread in the poll phase, followed by a microtask drain.
   * Thread-safe; the way in from other threads.
   *
   * @throws RejectedExecutionException if the loop has terminated
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (!post(task)) {
      throw new RejectedExecutionException("loop " + name + " has terminated or is terminating");
    }
  }

  /**
   * Runs {@code task} on the loop and completes the future with its result. Thread-safe. An
   * accepted task always runs, even when the loop is closed meanwhile (class doc).
   *
   * @throws RejectedExecutionException if the loop has terminated or is terminating
   */
  public <T> CompletableFuture<T> call(Callable<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    execute(() -> {
      try {
        f.complete(task.call());
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    return f;
  }

  /** Offers to the inbox and wakes the loop if it may be parked; false once terminated. */
  boolean post(Runnable task) {
    if (lifecycle == TERMINATED) {
      return false;
    }
    return inbox.offer(task, thread);
  }

  /**
   * Runs {@code work} on the offload pool; the promise settles on this loop with its result. The
   * pending work keeps {@link #runMain} alive until its completion has run.
   */
  public <T> Promise<T> offload(Callable<? extends T> work) {
    return offload(pool, work);
  }

  /** Like {@link #offload(Callable)} on a pool of the caller's choice. */
  public <T> Promise<T> offload(OffloadPool pool, Callable<? extends T> work) {
    Promise<T> p = new Promise<>(this);
    offload(pool, work, (v, e) -> {
      if (e != null) {
        p.rejectInternal(e);
      } else {
        p.resolveInternal(v);
      }
    });
    return p;
  }

  /**
   * Runs {@code work} on the offload pool and calls {@code completion(value, error)} on this loop
   * in the poll phase. The allocation-light form used by file and zlib streams.
   */
  public <T> void offload(Callable<? extends T> work,
      BiConsumer<? super T, ? super Throwable> completion) {
    offload(pool, work, completion);
  }

  /**
   * Like {@link #offload(Callable, BiConsumer)} on a pool of the caller's choice: CPU-heavy
   * stages (compression) can be kept off the pool that file requests wait in.
   */
  public <T> void offload(OffloadPool pool, Callable<? extends T> work,
      BiConsumer<? super T, ? super Throwable> completion) {
    checkInLoop();
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(completion, "completion");
    offload(pool, new OffloadTask<>(this, pool, work, completion));
  }

  /** Submits an armed task to {@code pool} (an {@link OffloadSlot} reuses its own). */
  void offload(OffloadPool pool, OffloadTask<?> task) {
    pool.submit(task); // a closed pool throws here
    requests++; // the task counts down on the loop, never before this returns
  }

  /** Starts an active request: something in flight elsewhere that keeps the loop alive. */
  public void beginRequest() {
    checkInLoop();
    requests++;
  }

  /** Ends an active request started by {@link #beginRequest()}. */
  public void endRequest() {
    assert inLoop();
    requests--;
  }

  // ---------------------------------------------------------------------------------------------
  // Threads and state

  /** The offload pool this loop uses. */
  public OffloadPool offloadPool() {
    return pool;
  }

  /** What the watchdog reads of this loop. */
  LoopProbe probe() {
    return probe;
  }

  /** Whether the loop is parked in its poll phase (for the watchdog). Thread-safe. */
  boolean isParked() {
    return inbox.isParked();
  }

  /** Whether the loop has terminated. Thread-safe. */
  public boolean isTerminated() {
    return lifecycle == TERMINATED;
  }

  /** Completes when the loop terminates; exceptionally with a fatal uncaught error. */
  public CompletableFuture<Void> terminationFuture() {
    return termination;
  }

  /**
   * Stops a loop: the loop finishes its current callback and microtasks, runs the tasks already
   * accepted, releases its registered resources and terminates (class doc); pending timers and
   * immediates are dropped. Blocks until it has terminated unless called on the loop itself.
   * Thread-safe and idempotent.
   */
  @Override
  public void close() {
    shutdown();
    if (LIFECYCLE.compareAndSet(this, NEW, RUNNING)) {
      // Never started: the closing thread becomes the loop's, to run what was accepted.
      EventLoop outer = CURRENT.get();
      setThread(Thread.currentThread());
      try {
        loop(null);
      } finally {
        CURRENT.set(outer);
      }
    } else if (!inLoop()) {
      termination.exceptionally(t -> null).join();
    }
  }

  boolean stopRequested() {
    return stopRequested;
  }

  /** Asks the loop to stop without waiting. Thread-safe. */
  public void shutdown() {
    stopRequested = true;
    if (inLoop()) {
      stopped = true;
      return;
    }
    Thread t = thread;
    if (t != null) {
      inbox.wake(t);
    }
  }

  @Override
  public String toString() {
    return "EventLoop[" + name + ", refs=" + refs + ", requests=" + requests + "]";
  }
}
