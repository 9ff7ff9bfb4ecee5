package io.loopstreams.kafka;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Timeout;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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
    // Checked by an interval timer on the loop itself, where the state lives.
    CompletableFuture<T> result = new CompletableFuture<>();
    long deadline = System.nanoTime() + limit.toNanos();
    loop.execute(() -> {
      Timeout[] timer = new Timeout[1];
      Runnable check = () -> {
        try {
          T v = read.call();
          if (until.test(v) || System.nanoTime() > deadline) {
            loop.clearInterval(timer[0]);
            result.complete(v);
          }
        } catch (Exception e) {
          loop.clearInterval(timer[0]);
          result.completeExceptionally(e);
        }
      };
      timer[0] = loop.setInterval(check, 20);
      check.run();
    });
    return result.get(limit.toMillis() + 20_000, TimeUnit.MILLISECONDS);
  }

  /** Reads {@code read} on the loop once {@code delay} has passed there: for proving an absence. */
  static <T> T after(EventLoop loop, Duration delay, Callable<T> read) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.execute(() -> loop.setTimeout(() -> {
      try {
        result.complete(read.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    }, delay.toMillis()));
    return result.get(delay.toMillis() + 20_000, TimeUnit.MILLISECONDS);
  }
}
