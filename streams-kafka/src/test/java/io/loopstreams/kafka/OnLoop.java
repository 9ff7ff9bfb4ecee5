package io.loopstreams.kafka;

import io.loopstreams.core.EventLoop;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reading loop-confined state from a test thread. */
final class OnLoop {

  private OnLoop() {
  }

  static <T> T get(EventLoop loop, Callable<T> read) throws Exception {
    return loop.call(read).get(20, TimeUnit.SECONDS);
  }

  /**
   * Reads {@code read} on the loop until {@code until} holds or {@code limit} passes; returns the
   * last value. For conditions that depend on the broker (an external process), where no event
   * of ours can be awaited.
   */
  static <T> T await(EventLoop loop, Callable<T> read, Predicate<T> until, Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    T v = get(loop, read);
    while (!until.test(v) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      v = get(loop, read);
    }
    return v;
  }
}
