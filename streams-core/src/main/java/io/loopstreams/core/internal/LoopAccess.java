package io.loopstreams.core.internal;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Timeout;

/**
 * The loop's internals that the stream and monitor packages need and users must not see: the
 * JDK's {@code SharedSecrets} pattern. {@link EventLoop} installs the one implementation when it
 * is initialised; callers keep it in a {@code static final} field, so the calls inline.
 *
 * <p>This package is exported only to the project's own modules ({@code module-info.java}).
 */
public abstract class LoopAccess {

  private static volatile LoopAccess instance;

  /** The implementation; initialises {@link EventLoop} if nothing was installed yet. */
  public static LoopAccess get() {
    LoopAccess a = instance;
    if (a == null) {
      try {
        Class.forName(EventLoop.class.getName(), true, EventLoop.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      a = instance;
    }
    return a;
  }

  /** Called once, by {@link EventLoop}'s static initialiser. */
  public static void install(LoopAccess access) {
    if (instance != null) {
      throw new IllegalStateException("LoopAccess installed twice");
    }
    instance = access;
  }

  /** The loop's cached time of this phase, in nanoseconds: for counters on hot paths. */
  public abstract long cachedNanos(EventLoop loop);

  /**
   * Marks {@code stage} (a plain label object) as running a hook; returns the previous one, to
   * give back to {@link #exitStage}. Costs one load while no watchdog watches the loop.
   */
  public abstract Object enterStage(EventLoop loop, Object stage);

  /** Whether a watchdog watches the loop: then hooks mark their stage ({@link #enterStage}). */
  public abstract boolean watched(EventLoop loop);

  /** Restores the stage that ran before the matching {@link #enterStage}. */
  public abstract void exitStage(EventLoop loop, Object previous);

  /** A watchdog starts (+1) or stops (-1) watching: stage tracking is on while any watches. */
  public abstract void watched(EventLoop loop, int delta);

  /** The label of the stage whose hook runs now, or null. Any thread (a racy diagnostic read). */
  public abstract Object runningStage(EventLoop loop);

  /** Callbacks started so far. Any thread. */
  public abstract long callbacksStarted(EventLoop loop);

  /** Whether the loop is parked in its poll phase. Any thread. */
  public abstract boolean isParked(EventLoop loop);

  /**
   * Registers {@code action} (thread-safe) to run once on the loop's thread when the loop
   * terminates, after its last task: the way a resource held outside the loop (a foreign
   * subscription, a descriptor) is released when the loop closes. False if the loop has already
   * released its resources: the caller releases at once.
   */
  public abstract boolean onTerminate(EventLoop loop, Runnable action);

  /** Forgets an action of {@link #onTerminate} once its resource was released. Any thread. */
  public abstract void removeOnTerminate(EventLoop loop, Runnable action);

  /** The due time of a scheduled timer, in {@link System#nanoTime()} units. Loop thread. */
  public abstract long dueNanos(Timeout timer);
}
