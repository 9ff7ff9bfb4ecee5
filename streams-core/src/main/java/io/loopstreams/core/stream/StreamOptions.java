package io.loopstreams.core.stream;

import io.loopstreams.core.AbortException;
import io.loopstreams.core.AbortSignal;
import java.util.Objects;

/**
 * Construction options of a stream, Node's {@code options} object as an immutable value:
 * {@code StreamOptions.objects().highWaterMark(4).autoDestroy(false)}. Start from {@link
 * #bytes()} for {@code ByteBuffer} streams or {@link #objects()} for object mode.
 */
public final class StreamOptions {

  private static final StreamOptions BYTES = new StreamOptions(QueuingStrategy.bytes(),
      QueuingStrategy.bytes(), true, true, true, true, true, null, null);
  private static final StreamOptions OBJECTS = new StreamOptions(QueuingStrategy.count(),
      QueuingStrategy.count(), true, true, true, true, true, null, null);

  final QueuingStrategy readableStrategy;
  final QueuingStrategy writableStrategy;
  final boolean emitClose;
  final boolean autoDestroy;
  final boolean allowHalfOpen;
  final boolean readable;
  final boolean writable;
  final String name;
  final AbortSignal signal;

  private StreamOptions(QueuingStrategy readableStrategy, QueuingStrategy writableStrategy,
      boolean emitClose, boolean autoDestroy, boolean allowHalfOpen, boolean readable,
      boolean writable, String name, AbortSignal signal) {
    this.readableStrategy = readableStrategy;
    this.writableStrategy = writableStrategy;
    this.emitClose = emitClose;
    this.autoDestroy = autoDestroy;
    this.allowHalfOpen = allowHalfOpen;
    this.readable = readable;
    this.writable = writable;
    this.name = name;
    this.signal = signal;
  }

  /** Byte streams: {@code ByteBuffer} chunks measured in bytes, mark 64 KiB. */
  public static StreamOptions bytes() {
    return BYTES;
  }

  /** Object mode: chunks counted, mark 16. */
  public static StreamOptions objects() {
    return OBJECTS;
  }

  /** Sets the mark of both sides, keeping the kind of strategy. */
  public StreamOptions highWaterMark(long mark) {
    return strategy(readableStrategy.withHighWaterMark(mark), writableStrategy.withHighWaterMark(mark));
  }

  /** Sets the mark of the readable side (Node's {@code readableHighWaterMark}). */
  public StreamOptions readableHighWaterMark(long mark) {
    return strategy(readableStrategy.withHighWaterMark(mark), writableStrategy);
  }

  /** Sets the mark of the writable side (Node's {@code writableHighWaterMark}). */
  public StreamOptions writableHighWaterMark(long mark) {
    return strategy(readableStrategy, writableStrategy.withHighWaterMark(mark));
  }

  /** Sets both strategies. */
  public StreamOptions strategy(QueuingStrategy both) {
    return strategy(both, both);
  }

  /** Sets each side's strategy (e.g. a bytes-in, objects-out transform). */
  public StreamOptions strategy(QueuingStrategy readableSide, QueuingStrategy writableSide) {
    return new StreamOptions(Objects.requireNonNull(readableSide), Objects.requireNonNull(writableSide),
        emitClose, autoDestroy, allowHalfOpen, readable, writable, name, signal);
  }

  /** Whether CLOSE is emitted after destroy (default true). */
  public StreamOptions emitClose(boolean on) {
    return new StreamOptions(readableStrategy, writableStrategy, on, autoDestroy, allowHalfOpen,
        readable, writable, name, signal);
  }

  /** Whether the stream destroys itself after END/FINISH (default true). */
  public StreamOptions autoDestroy(boolean on) {
    return new StreamOptions(readableStrategy, writableStrategy, emitClose, on, allowHalfOpen,
        readable, writable, name, signal);
  }

  /** Duplex: whether the writable side stays open after the readable side ends (default true). */
  public StreamOptions allowHalfOpen(boolean on) {
    return new StreamOptions(readableStrategy, writableStrategy, emitClose, autoDestroy, on,
        readable, writable, name, signal);
  }

  /** Duplex: {@code false} creates the stream with its readable side already ended. */
  public StreamOptions readable(boolean on) {
    return new StreamOptions(readableStrategy, writableStrategy, emitClose, autoDestroy,
        allowHalfOpen, on, writable, name, signal);
  }

  /** Duplex: {@code false} creates the stream with its writable side already finished. */
  public StreamOptions writable(boolean on) {
    return new StreamOptions(readableStrategy, writableStrategy, emitClose, autoDestroy,
        allowHalfOpen, readable, on, name, signal);
  }

  /** A name for snapshots and messages. */
  public StreamOptions name(String streamName) {
    return new StreamOptions(readableStrategy, writableStrategy, emitClose, autoDestroy,
        allowHalfOpen, readable, writable, streamName, signal);
  }

  /** Destroys the stream with an {@link AbortException} when the signal aborts. */
  public StreamOptions signal(AbortSignal abortSignal) {
    return new StreamOptions(readableStrategy, writableStrategy, emitClose, autoDestroy,
        allowHalfOpen, readable, writable, name, abortSignal);
  }

  public QueuingStrategy readableStrategy() {
    return readableStrategy;
  }

  public QueuingStrategy writableStrategy() {
    return writableStrategy;
  }
}
