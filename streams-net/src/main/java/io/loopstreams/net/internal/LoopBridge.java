package io.loopstreams.net.internal;

import io.loopstreams.core.EventLoop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * The one way from a Netty thread onto the owning loop: a queue-drain (STYLE example 7). Netty
 * threads {@link #offer} signals; only the offer that moves {@code wip} from 0 to 1 posts a drain
 * with {@code loop.execute}, and the drain hands every queued signal to the current sink on the
 * loop, in order. Every Netty → loop hop of this module passes here, so replacing it with the
 * core's hand-off primitive is a change to this file only.
 *
 * <p>Bounds: data signals are limited by {@link ChannelLink}'s read flow control (the socket's
 * mark plus one chunk); the other signals are a handful per connection.
 *
 * <h2>Fields</h2>
 * {@code queue}, {@code wip}: any thread. {@code sink}: loop thread only (set before the first
 * drain by the creator, or switched by a sink during a drain).
 */
public final class LoopBridge implements Runnable {

  private static final VarHandle WIP;

  static {
    try {
      WIP = MethodHandles.lookup().findVarHandle(LoopBridge.class, "wip", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // immutable
  private final EventLoop loop;

  // any thread
  private final MpscUnboundedArrayQueue<Object> queue = new MpscUnboundedArrayQueue<>(16);
  private volatile int wip;

  // loop thread only
  private Consumer<Object> sink;

  public LoopBridge(EventLoop loop, Consumer<Object> sink) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  public EventLoop loop() {
    return loop;
  }

  /** Loop thread: the consumer of the signals still to come (an accepted socket takes over). */
  public void sink(Consumer<Object> next) {
    assert loop.inLoop();
    this.sink = Objects.requireNonNull(next, "sink");
  }

  /** Any thread: queues {@code signal} for the loop. Dropped if the loop has terminated. */
  public void offer(Object signal) {
    queue.offer(signal);
    if ((int) WIP.getAndAdd(this, 1) == 0) {
      try {
        loop.execute(this);
      } catch (RejectedExecutionException e) {
        queue.clear(); // the loop is gone: nobody will consume (inbound data is heap copies)
      }
    }
  }

  /** The drain: loop thread only. */
  @Override
  public void run() {
    int missed = 1;
    for (;;) {
      for (Object s; (s = queue.poll()) != null; ) {
        try {
          sink.accept(s);
        } catch (Throwable t) {
          // A listener threw (an uncaught exception of the loop): keep draining on a later task,
          // wip unchanged, then let the loop see the failure.
          loop.execute(this);
          throw t;
        }
      }
      missed = (int) WIP.getAndAdd(this, -missed) - missed;
      if (missed == 0) {
        return;
      }
    }
  }
}
