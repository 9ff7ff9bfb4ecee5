package io.loopstreams.core;

import io.loopstreams.core.EventLoop.Origin;
import io.loopstreams.core.EventLoop.UnhandledRejectionMode;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Node's {@code process} events on a loop: uncaught exceptions, unhandled rejections, beforeExit
 * and exit ({@link ProcessEvents} holds them). The third layer of {@link EventLoop}.
 */
abstract class LoopProcess extends LoopQueues {

  final ProcessEvents events = new ProcessEvents((EventLoop) this);

  LoopProcess(String name) {
    super(name);
  }

  /** Adds a handler for uncaught exceptions; with one present, the loop survives them. */
  public void onUncaughtException(BiConsumer<Throwable, Origin> handler) {
    checkInLoop();
    events.uncaughtHandlers().add(Objects.requireNonNull(handler, "handler"));
  }

  /** Removes a handler added by {@link #onUncaughtException}. */
  public void removeUncaughtExceptionHandler(BiConsumer<Throwable, Origin> handler) {
    checkInLoop();
    events.uncaughtHandlers().remove(handler);
  }

  /** Adds a handler for unhandled rejections (mode THROW); with one present nothing is thrown. */
  public void onUnhandledRejection(BiConsumer<Throwable, Promise<?>> handler) {
    checkInLoop();
    events.rejectionHandlers().add(Objects.requireNonNull(handler, "handler"));
  }

  /** Sets the unhandled-rejection mode (default {@link UnhandledRejectionMode#THROW}). */
  public void unhandledRejections(UnhandledRejectionMode mode) {
    checkInLoop();
    events.rejectionMode(Objects.requireNonNull(mode, "mode"));
  }

  /** Runs when nothing is left to do; work it schedules keeps the loop going (Node's beforeExit). */
  public void onBeforeExit(Runnable handler) {
    checkInLoop();
    events.beforeExitHandlers().add(Objects.requireNonNull(handler, "handler"));
  }

  /** Runs once as the loop exits normally (Node's exit); work it schedules never runs. */
  public void onExit(Runnable handler) {
    checkInLoop();
    events.exitHandlers().add(Objects.requireNonNull(handler, "handler"));
  }

  void trackRejection(Promise<?> p) {
    events.trackRejection(p);
  }
}
