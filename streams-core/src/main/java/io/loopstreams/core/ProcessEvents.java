package io.loopstreams.core;

import io.loopstreams.core.EventLoop.Origin;
import io.loopstreams.core.EventLoop.UnhandledRejectionMode;
import io.loopstreams.core.internal.LazyLogger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What Node's {@code process} object does for one loop: {@code uncaughtException} and
 * {@code unhandledRejection} handlers, the rejection mode, {@code beforeExit}/{@code exit}
 * handlers, and the fatal error that stops the loop. Loop thread only; {@link EventLoop}'s public
 * methods check the thread and delegate here.
 */
final class ProcessEvents {

  private static final LazyLogger LOG = new LazyLogger(EventLoop.class.getName());

  private final EventLoop loop;
  private final List<Promise<?>> pendingRejections = new ArrayList<>();
  private final List<BiConsumer<Throwable, Origin>> uncaughtHandlers = new ArrayList<>();
  private final List<BiConsumer<Throwable, Promise<?>>> rejectionHandlers = new ArrayList<>();
  private final List<Runnable> beforeExitHandlers = new ArrayList<>();
  private final List<Runnable> exitHandlers = new ArrayList<>();
  private UnhandledRejectionMode rejectionMode = UnhandledRejectionMode.THROW;
  /** The error that stopped the loop; the first one wins. */
  private Throwable fatal;

  ProcessEvents(EventLoop loop) {
    this.loop = loop;
  }

  List<BiConsumer<Throwable, Origin>> uncaughtHandlers() {
    return uncaughtHandlers;
  }

  List<BiConsumer<Throwable, Promise<?>>> rejectionHandlers() {
    return rejectionHandlers;
  }

  List<Runnable> beforeExitHandlers() {
    return beforeExitHandlers;
  }

  List<Runnable> exitHandlers() {
    return exitHandlers;
  }

  void rejectionMode(UnhandledRejectionMode mode) {
    rejectionMode = mode;
  }

  void trackRejection(Promise<?> p) {
    pendingRejections.add(p);
  }

  Throwable fatal() {
    return fatal;
  }

  void recordFatal(Throwable t) {
    if (fatal == null) {
      fatal = t;
    }
  }

  /**
   * Reports the rejections still unhandled after a microtask drain. Returns whether anything was
   * reported (handlers may have queued microtasks).
   */
  boolean processRejections() {
    if (pendingRejections.isEmpty()) {
      return false;
    }
    List<Promise<?>> batch = new ArrayList<>(pendingRejections);
    pendingRejections.clear();
    boolean reported = false;
    for (Promise<?> p : batch) {
      if (loop.stopped()) {
        break;
      }
      if (p.isHandled()) {
        continue;
      }
      Throwable reason = p.rejectionReason();
      reported = true;
      switch (rejectionMode) {
        case NONE:
          break;
        case WARN:
          LOG.log(System.Logger.Level.WARNING, "Unhandled promise rejection on loop " + loop.name(),
              reason);
          break;
        case THROW:
        default:
          if (rejectionHandlers.isEmpty()) {
            uncaught(reason, Origin.UNHANDLED_REJECTION);
          } else {
            for (BiConsumer<Throwable, Promise<?>> h : List.copyOf(rejectionHandlers)) {
              try {
                h.accept(reason, p);
              } catch (Throwable t) {
                uncaught(t, Origin.UNCAUGHT_EXCEPTION);
              }
            }
          }
      }
    }
    return reported;
  }

  /** A callback threw: the handlers hear it, or, with none, the loop stops (Node exits). */
  void uncaught(Throwable t, Origin origin) {
    if (isFatal(t) || uncaughtHandlers.isEmpty()) {
      stop(t);
      return;
    }
    for (BiConsumer<Throwable, Origin> h : List.copyOf(uncaughtHandlers)) {
      try {
        h.accept(t, origin);
      } catch (Throwable t2) {
        // Node exits (code 7) when an uncaughtException handler itself throws.
        t2.addSuppressed(t);
        stop(t2);
        return;
      }
    }
  }

  private void stop(Throwable t) {
    recordFatal(t);
    loop.stop();
  }

  private static boolean isFatal(Throwable t) {
    return t instanceof VirtualMachineError || t instanceof LinkageError;
  }

  /** After {@code runMain}: the fatal error, rethrown as is or wrapped if checked. */
  void rethrowFatal() {
    Throwable t = fatal;
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    if (t != null) {
      throw new UncaughtException(t);
    }
  }
}
