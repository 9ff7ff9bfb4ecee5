package io.loopstreams.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a watchdog on another thread reads of a loop: callbacks started so far, and the stage (a
 * plain label object, e.g. a stream) whose hook runs now. The loop writes with plain or release
 * stores; the watchdog reads opaquely: a diagnostic that may lag, never a torn or invented value.
 *
 * <p>The stage is tracked only while a watchdog watches ({@code watchdogs > 0}): every chunk
 * passes {@link #enterStage}, and an unwatched loop pays one load of that counter.
 */
final class LoopProbe {

  private static final VarHandle TICKS;
  private static final VarHandle STAGE;
  private static final VarHandle WATCHDOGS;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      TICKS = l.findVarHandle(LoopProbe.class, "ticks", long.class);
      STAGE = l.findVarHandle(LoopProbe.class, "stage", Object.class);
      WATCHDOGS = l.findVarHandle(LoopProbe.class, "watchdogs", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Callbacks started so far; written by the loop with release semantics. */
  private volatile long ticks;
  /** The label of the innermost hook running now; null between hooks. Plain stores by the loop. */
  private Object stage;
  /** Watchdogs watching this loop; written by them (any thread), read on every hook. */
  private volatile int watchdogs;

  /** Loop thread: a callback starts. */
  void tick() {
    TICKS.setRelease(this, (long) TICKS.getOpaque(this) + 1);
  }

  /** What {@link #enterStage} returns when no watchdog watches: {@link #exitStage} then does nothing. */
  private static final Object UNWATCHED = new Object();

  /**
   * Loop thread: marks {@code s} as the running stage; returns the previous one, to restore. The
   * counter is read opaquely, once per hook: a watchdog that starts meanwhile sees the next hook.
   */
  Object enterStage(Object s) {
    if ((int) WATCHDOGS.getOpaque(this) == 0) {
      return UNWATCHED;
    }
    Object previous = stage;
    stage = s;
    return previous;
  }

  /** Loop thread: whether a watchdog watches, read as {@link #enterStage} reads it. */
  boolean isWatched() {
    return (int) WATCHDOGS.getOpaque(this) != 0;
  }

  /** Loop thread: the hook returned; {@code previous} is what {@link #enterStage} returned. */
  void exitStage(Object previous) {
    if (previous != UNWATCHED) {
      stage = previous;
    }
  }

  /** Any thread: a watchdog starts (+1) or stops (-1) watching. */
  void watched(int delta) {
    WATCHDOGS.getAndAdd(this, delta);
  }

  /** Any thread: the label of the stage whose hook runs now, or null. */
  Object runningStage() {
    return STAGE.getOpaque(this);
  }

  /** Any thread: callbacks started so far. */
  long callbacksStarted() {
    return (long) TICKS.getOpaque(this);
  }
}
