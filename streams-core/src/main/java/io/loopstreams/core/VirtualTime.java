package io.loopstreams.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A started loop whose clock moves only when a test says so (Node's {@code mock.timers},
 * Reactor's {@code VirtualTimeScheduler}): timer-driven code runs in milliseconds, with the real
 * loop's order.
 *
 * <pre>{@code
 * try (VirtualTime time = VirtualTime.start()) {
 *   time.run(() -> time.loop().setInterval(tick, 1000));
 *   time.advance(Duration.ofHours(1));        // 3600 ticks, at once
 * }
 * }</pre>
 *
 * <h2>How time moves</h2>
 * {@link #advance} raises a target and wakes the loop, which then runs its ordinary phases:
 * each time it caches "now" (before the timers phase, after the poll), the clock steps to the
 * earliest timer due no later than the target, or to the target when none is. So timers fire in
 * due order, one due time per timers phase, with microtasks drained between callbacks, and
 * immediates, I/O completions and timers created by callbacks interleave exactly as on a real
 * loop where each step had taken that long. The poll phase never waits on real time while a
 * timer is due by virtual time; with none due, it waits for a wake-up (a task, or the next
 * advance). {@code advance} returns when the loop reached the target and has nothing left to do
 * at that time but wait: offloaded work still running on the pool is not waited for.
 *
 * <h2>Threads</h2>
 * The loop runs on its own thread. {@link #advance}, {@link #run} and {@link #call} are for the
 * test's thread and throw on the loop thread (they would wait for themselves).
 */
public final class VirtualTime implements AutoCloseable {

  // immutable
  private final EventLoop loop;

  // any thread: the time advance() asked for
  private volatile long target;

  // guarded by this: advances waiting for the loop to catch up
  private final List<Waiter> waiters = new ArrayList<>();

  private record Waiter(long target, CompletableFuture<Void> reached) {
  }

  private VirtualTime(String name) {
    this.loop = EventLoop.create(name, OffloadPool.shared(), new Clock());
  }

  /** A new virtual-time loop, started on its own thread at virtual time 0. */
  public static VirtualTime start() {
    return start("virtual");
  }

  /** A new named virtual-time loop, started. */
  public static VirtualTime start(String name) {
    VirtualTime t = new VirtualTime(Objects.requireNonNull(name, "name"));
    t.loop.start();
    return t;
  }

  /** The loop. */
  public EventLoop loop() {
    return loop;
  }

  /** The virtual time reached so far (the last advance's target), in milliseconds. */
  public long nowMillis() {
    return target / 1_000_000L;
  }

  /**
   * Moves the clock forward by {@code by} and returns when the loop has run everything due
   * until then.
   *
   * @throws IllegalStateException on the loop thread
   */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("cannot go back in time: " + by);
    }
    checkOffLoop("advance");
    CompletableFuture<Void> reached = new CompletableFuture<>();
    synchronized (this) {
      target += by.toNanos();
      waiters.add(new Waiter(target, reached));
    }
    loop.execute(() -> { }); // wake the poll phase: it re-reads the target
    await(reached);
  }

  /** Runs {@code action} on the loop and waits for it (its microtasks included). */
  public void run(Runnable action) {
    call(() -> {
      action.run();
      return null;
    });
  }

  /** Calls {@code task} on the loop and returns its result; its exception is rethrown. */
  public <T> T call(Callable<T> task) {
    checkOffLoop("call");
    return await(loop.call(task));
  }

  /** Stops the loop. */
  @Override
  public void close() {
    loop.close();
  }

  private void checkOffLoop(String what) {
    if (loop.inLoop()) {
      throw new IllegalStateException(what + "() on the loop thread would wait for itself: "
          + "call it from the test's thread");
    }
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  /** Releases the advances whose target the loop has reached: it is about to wait. */
  private synchronized void caughtUp(long reached) {
    waiters.removeIf(w -> {
      if (w.target - reached <= 0) {
        w.reached.complete(null);
        return true;
      }
      return false;
    });
  }

  /** The loop's side: steps "now" timer by timer up to the target. Loop thread only. */
  private final class Clock implements LoopClock {
    @Override
    public long now(long current, boolean hasTimer, long nextDue) {
      long t = target;
      if (hasTimer && nextDue - current <= 0) {
        return current; // a timer due now has not run yet: time stands still
      }
      if (hasTimer && nextDue - t <= 0) {
        return nextDue; // step to the next timer on the way to the target
      }
      return t;
    }

    @Override
    public long pollTimeout(boolean hasTimer, long nextDue) {
      long t = target;
      if (hasTimer && nextDue - t <= 0) {
        return 0; // a timer is due by virtual time: no waiting
      }
      caughtUp(t);
      return -1;
    }
  }
}
