package io.loopstreams.core.internal;

import java.util.function.Supplier;

/**
 * A {@link System.Logger} looked up on first use. Finding the logging back end (a service
 * lookup, the security properties, {@code java.util.logging}'s set-up) costs a process about 20
 * ms of start-up CPU, and the library logs only when something went wrong: a command that copies
 * one file should not pay for a logger it never uses.
 */
public final class LazyLogger {

  private final String name;
  /** Written once; a race only looks the same logger up twice. */
  private volatile System.Logger logger;

  public LazyLogger(String name) {
    this.name = name;
  }

  private System.Logger logger() {
    System.Logger l = logger;
    if (l == null) {
      logger = l = System.getLogger(name);
    }
    return l;
  }

  public void log(System.Logger.Level level, String message) {
    logger().log(level, message);
  }

  public void log(System.Logger.Level level, String message, Throwable thrown) {
    logger().log(level, message, thrown);
  }

  public void log(System.Logger.Level level, Supplier<String> message, Throwable thrown) {
    logger().log(level, message, thrown);
  }
}
