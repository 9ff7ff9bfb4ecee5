package io.loopstreams.kafka.internal;

import io.loopstreams.core.EventLoop;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one way Kafka's threads (a source's consumer thread, a producer's I/O thread) reach the
 * owning loop: a queue-drain with a work-in-progress counter. Only the signal that moves {@code
 * wip} from 0 to 1 schedules a drain with {@code loop.execute}; the drain delivers every queued
 * signal in order, so a burst of signals costs one hop.
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

  // immutable
  private final EventLoop loop;
  private final Consumer<? super T> handler;
  private final Runnable drainTask = this::drain;
  // any thread
  private final Queue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger wip = new AtomicInteger();

  public LoopHop(EventLoop loop, Consumer<? super T> handler) {
    this.loop = loop;
    this.handler = handler;
  }

  /**
   * Queues a signal for the loop. Returns false when the loop is gone (closed): the signal is
   * dropped, there is no one left to deliver it to.
   */
  public boolean offer(T signal) {
    queue.offer(signal);
    if (wip.getAndIncrement() == 0) {
      try {
        loop.execute(drainTask);
      } catch (RejectedExecutionException loopClosed) {
        queue.clear();
        return false;
      }
    }
    return true;
  }

  private void drain() {
    int missed = 1;
    do {
      for (T s; (s = queue.poll()) != null; ) {
        handler.accept(s);
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }
}
