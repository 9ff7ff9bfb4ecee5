package io.loopstreams.core;

/**
 * Node's error-first callback {@code (err) => {}}: {@code null} means success. Hook callbacks
 * given to subclasses are guarded: a second call raises {@code ERR_MULTIPLE_CALLBACK}.
 */
@FunctionalInterface
public interface Callback {

  /** Reports completion: {@code null} for success, else the failure. */
  void done(Throwable error);

  /** Reports success. */
  default void done() {
    done(null);
  }

  /** A callback that ignores its outcome. */
  static Callback noop() {
    return e -> { };
  }
}
