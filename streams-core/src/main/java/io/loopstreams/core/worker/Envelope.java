package io.loopstreams.core.worker;

import java.util.List;

/**
 * One item crossing a port: a user message with the ports it carries, or a control signal of
 * the port itself or of its stream. Immutable; built on the sending loop, read on the receiving
 * one (the {@link io.loopstreams.core.Handoff} publishes it).
 */
record Envelope(Kind kind, Object payload, List<MessagePort> ports, long credit) {

  enum Kind {
    /** A user message: emitted as MESSAGE. */
    MESSAGE,
    /** The peer closed the channel. */
    CLOSE,
    /** Stream data: a {@code ByteBuffer} view the receiver owns. */
    DATA,
    /** The writing side ended. */
    END,
    /** The reading side consumed {@code credit} more bytes: the writer may send that many. */
    CREDIT,
    /** The peer's stream was destroyed; {@code payload} is its error or null. */
    ABORT
  }

  static Envelope message(Object payload, List<MessagePort> ports) {
    return new Envelope(Kind.MESSAGE, payload, ports, 0);
  }

  static Envelope signal(Kind kind, Object payload) {
    return new Envelope(kind, payload, List.of(), 0);
  }

  static Envelope credit(long bytes) {
    return new Envelope(Kind.CREDIT, null, List.of(), bytes);
  }
}
