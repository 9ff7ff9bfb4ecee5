package io.loopstreams.core;

/**
 * Node's (and the DOM's) {@code AbortSignal}: a one-shot cancellation flag with an ABORT event.
 * Created by an {@link AbortController}. Loop-confined.
 */
public final class AbortSignal extends EventEmitter {

  /** Emitted once, with the reason, when the controller aborts. */
  public static final Event<Throwable> ABORT = Event.of("abort");

  private Throwable reason;

  AbortSignal() {
  }

  /** A signal that is already aborted with an {@link AbortException}. */
  public static AbortSignal abort() {
    AbortSignal s = new AbortSignal();
    s.fire(new AbortException());
    return s;
  }

  public boolean aborted() {
    return reason != null;
  }

  /** The abort reason, or null while not aborted. */
  public Throwable reason() {
    return reason;
  }

  /** Throws the reason if aborted (Node's {@code throwIfAborted()}). */
  public void throwIfAborted() {
    if (reason instanceof RuntimeException) {
      throw (RuntimeException) reason;
    }
    if (reason != null) {
      throw new AbortException(reason);
    }
  }

  /** Calls {@code action} now if aborted, else once on abort; returns a remover. */
  public Runnable whenAborted(Listener<Throwable> action) {
    if (reason != null) {
      action.on(reason);
      return () -> { };
    }
    once(ABORT, action);
    return () -> off(ABORT, action);
  }

  void fire(Throwable why) {
    if (reason == null) {
      reason = why;
      emit(ABORT, why);
    }
  }
}
