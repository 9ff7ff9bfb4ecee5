package io.loopstreams.core;

/**
 * Carries a checked exception that escaped a loop callback out of {@link EventLoop#runMain}
 * (unchecked ones are rethrown as they are).
 */
public final class UncaughtException extends RuntimeException {
  public UncaughtException(Throwable cause) {
    super(cause.toString(), cause);
  }
}
