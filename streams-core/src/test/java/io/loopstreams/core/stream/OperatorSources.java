package io.loopstreams.core.stream;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import java.util.List;
import java.util.function.BiConsumer;

/** Sources and helpers shared by the operator tests (Readable map/filter/flatMap/take/...). */
final class OperatorSources {

  private OperatorSources() {
  }

  /** An endless object source pushing 1, 2, 3, ... one per {@code doRead}; counts the pulls. */
  static final class Counting extends Readable<Integer> {
    int pulled;
    final int limit;

    Counting(long highWaterMark) {
      this(highWaterMark, Integer.MAX_VALUE);
    }

    /** Ends after {@code limit} items. */
    Counting(long highWaterMark, int limit) {
      super(StreamOptions.objects().highWaterMark(highWaterMark));
      this.limit = limit;
    }

    @Override
    protected void doRead(long size) {
      if (pulled == limit) {
        push(null);
      } else {
        push(++pulled);
      }
    }
  }

  /** A promise of {@code value} resolved by a timer after {@code delayMillis}. */
  static <T> Promise<T> later(EventLoop loop, long delayMillis, T value) {
    Promise.Resolvers<T> r = Promise.withResolvers(loop);
    loop.setTimeout(() -> r.resolve(value), delayMillis);
    return r.promise();
  }

  /** Records the outcome of {@code p} as "ok:value" or "err:message" into {@code out}. */
  static <T> void settle(Promise<T> p, List<String> out) {
    p.onSettled((BiConsumer<T, Throwable>) (v, e) -> out.add(e == null ? "ok:" + v : "err:" + LifecycleLog.code(e)));
  }
}
