package io.loopstreams.net.internal;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Handoff;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one way from a Netty thread onto the owning loop: core's {@link Handoff} carrying this
 * module's signals (inbound data copies, FIN, errors, writability) to the current sink, in order.
 * Every Netty → loop hop of this module passes here.
 *
 * <p>Bounds: data signals are limited by {@link ChannelLink}'s read flow control (the socket's
 * mark plus one chunk); the other signals are a handful per connection. When the loop has
 * terminated, signals are dropped: inbound data is a heap copy or a range of a pooled block,
 * which is then simply never reused (see {@link ChannelLink}), so there is nothing to release.
 *
 * <h2>Fields</h2>
 * {@code handoff}: any thread. {@code sink}: loop thread only (set before the first drain by the
 * creator, or switched by a sink during a drain).
 */
public final class LoopBridge {

  // immutable
  private final Handoff<Object> handoff;

  // loop thread only
  private Consumer<Object> sink;

  public LoopBridge(EventLoop loop, Consumer<Object> sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.handoff = Handoff.unbounded(loop, 16, this::drain, () -> { });
  }

  public EventLoop loop() {
    return handoff.loop();
  }

  /** Loop thread: the consumer of the signals still to come (an accepted socket takes over). */
  public void sink(Consumer<Object> next) {
    assert handoff.loop().inLoop();
    this.sink = Objects.requireNonNull(next, "sink");
  }

  /** Any thread: queues {@code signal} for the loop. */
  public void offer(Object signal) {
    handoff.offer(signal);
  }

  private void drain(Handoff<Object> h) {
    for (Object s; (s = h.poll()) != null; ) {
      sink.accept(s);
    }
  }
}
