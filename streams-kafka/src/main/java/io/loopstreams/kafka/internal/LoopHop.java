package io.loopstreams.kafka.internal;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Handoff;
import java.util.function.Consumer;

/**
 * The one way Kafka's threads (a source's consumer thread, a producer's I/O thread) reach the
 * owning loop: core's {@link Handoff}, delivering every queued signal in order, so a burst of
 * signals costs one hop.
 *
 * <p>The queue is unbounded, but every user bounds what it offers: a source has at most one batch
 * in flight, a sink one completion per in-flight generation of writes.
 *
 * <p>Threads: {@link #offer} from any thread; the handler runs on the loop thread only, and must
 * not throw (stream code reports failures through {@code destroy}).
 *
 * @param <T> the signal type
 */
public final class LoopHop<T> {

  private final Handoff<T> handoff;

  public LoopHop(EventLoop loop, Consumer<? super T> handler) {
    this.handoff = Handoff.unbounded(loop, 16, h -> {
      for (T s; (s = h.poll()) != null; ) {
        handler.accept(s);
      }
    }, () -> { });
  }

  /**
   * Queues a signal for the loop. Returns false when the loop is gone (closed): the signal is
   * dropped, there is no one left to deliver it to.
   */
  public boolean offer(T signal) {
    handoff.offer(signal);
    return !handoff.loop().isTerminated();
  }
}
