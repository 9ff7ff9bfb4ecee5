package io.loopstreams.core.worker;

import io.loopstreams.core.EventLoop;

/**
 * Node's {@code MessageChannel}: two entangled {@link MessagePort}s, both on the current loop
 * until one is moved to another loop by a transfer list.
 *
 * <pre>{@code
 * MessageChannel ch = new MessageChannel();
 * worker.postMessage(ch.port2(), ch.port2());   // port2 now lives on the worker's loop
 * ch.port1().on(MessagePort.MESSAGE, reply -> ...);
 * }</pre>
 */
public final class MessageChannel {

  private final MessagePort port1;
  private final MessagePort port2;

  /** A channel on the current loop. */
  public MessageChannel() {
    this(EventLoop.current());
  }

  /** A channel on {@code loop}. */
  public MessageChannel(EventLoop loop) {
    port1 = new MessagePort(loop);
    port2 = new MessagePort(loop);
    MessagePort.entangle(port1, port2);
  }

  public MessagePort port1() {
    return port1;
  }

  public MessagePort port2() {
    return port2;
  }
}
