package io.loopstreams.tck;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Writable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.tck.TestEnvironment;

/**
 * Shared TCK settings and helpers.
 *
 * <p>Timeouts: {@code TestEnvironment}'s default of 100 ms is tight on a loaded 2-core machine,
 * so the default here is 300 ms (the time the TCK waits for an expected signal; a healthy run
 * never waits that long) and 100 ms for "no signal expected" waits, which only cost wall time.
 * Override with the system properties {@code loopstreams.tck.timeout} / {@code
 * loopstreams.tck.noSignalsTimeout} / {@code loopstreams.tck.gcTimeout}, or the environment
 * variables {@code LOOPSTREAMS_TCK_TIMEOUT_MILLIS} / {@code LOOPSTREAMS_TCK_NO_SIGNALS_TIMEOUT_MILLIS}
 * / {@code LOOPSTREAMS_TCK_GC_TIMEOUT_MILLIS}.
 */
final class Tck {

  static final long TIMEOUT_MILLIS = setting("loopstreams.tck.timeout", "LOOPSTREAMS_TCK_TIMEOUT_MILLIS", 300);
  static final long NO_SIGNALS_TIMEOUT_MILLIS = setting("loopstreams.tck.noSignalsTimeout",
      "LOOPSTREAMS_TCK_NO_SIGNALS_TIMEOUT_MILLIS", 100);
  static final long GC_TIMEOUT_MILLIS = setting("loopstreams.tck.gcTimeout", "LOOPSTREAMS_TCK_GC_TIMEOUT_MILLIS", 300);

  private Tck() {
  }

  static TestEnvironment env() {
    return new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNALS_TIMEOUT_MILLIS, Math.min(TIMEOUT_MILLIS, 20));
  }

  private static long setting(String property, String envVar, long fallback) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(envVar);
    }
    return v == null || v.isBlank() ? fallback : Long.parseLong(v.trim());
  }

  /** Runs {@code task} on the loop and waits for its result (the TCK calls from its own threads). */
  static <T> T onLoop(EventLoop loop, Callable<T> task) {
    try {
      return loop.call(task).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("task on loop " + loop.name() + " failed", e);
    }
  }

  /**
   * An object-mode writable (mark 16) that accepts everything; its ERROR is observed (an
   * upstream onError destroys it with that error, which must not become an uncaught error).
   */
  static Writable<Integer> sinkWritable() {
    Writable<Integer> w = Writable.create(StreamOptions.objects(), (chunk, cb) -> cb.done());
    w.on(Writable.ERROR, e -> { });
    return w;
  }

  /** The integers {@code 0..n-1}, produced lazily: n may be Integer.MAX_VALUE. */
  static Iterable<Integer> range(long n) {
    return () -> new Iterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return next < n;
      }

      @Override
      public Integer next() {
        if (next >= n) {
          throw new NoSuchElementException();
        }
        return (int) next++;
      }
    };
  }
}
