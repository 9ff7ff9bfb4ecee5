package io.loopstreams.core;

/** Node's {@code AbortController}: owns an {@link AbortSignal} and aborts it once. */
public final class AbortController {

  private final AbortSignal signal = new AbortSignal();

  public AbortSignal signal() {
    return signal;
  }

  /** Aborts with an {@link AbortException}. */
  public void abort() {
    signal.fire(new AbortException());
  }

  /** Aborts with {@code reason}; later calls are ignored. */
  public void abort(Throwable reason) {
    signal.fire(reason == null ? new AbortException() : reason);
  }
}
