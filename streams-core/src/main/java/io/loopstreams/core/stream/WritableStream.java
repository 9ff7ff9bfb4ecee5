package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;

/**
 * Anything that can be written to: a {@link Writable} or the writable side of a {@link Duplex}
 * (Node's {@code instanceof Writable} is true for both). Destinations of {@code pipe} and
 * {@link Pipeline} are typed by it. Loop-confined.
 *
 * @param <T> the chunk type accepted
 */
public sealed interface WritableStream<T> permits Writable, Duplex {
  // Both permitted classes are Streams holding a WritableState: the methods below are written
  // once here, against that state, instead of once per class.

  /**
   * Writes a chunk. Returns false once the buffered amount reaches the high-water mark: stop
   * writing until DRAIN. As in Node 20.20+, the amount is taken after the write was handed to
   * the sink: a chunk it completed synchronously does not count, and an empty buffer accepts. After {@code end()} the write fails with {@code
   * ERR_STREAM_WRITE_AFTER_END} (the callback gets it on the next tick, then ERROR).
   */
  default boolean write(T chunk) {
    return write(chunk, null);
  }

  /** {@link #write(Object)} with a callback called when the chunk was handled (or failed). */
  default boolean write(T chunk, Callback callback) {
    return side(true).write(chunk, callback);
  }

  /** Signals that no more data will be written; FINISH follows once everything is flushed. */
  default WritableStream<T> end() {
    return end(null, null);
  }

  /** Writes a last chunk, then {@link #end()}. */
  default WritableStream<T> end(T chunk) {
    return end(chunk, null);
  }

  /** {@link #end()} with a callback called just before FINISH, or with the error. */
  default WritableStream<T> end(Callback callback) {
    return end(null, callback);
  }

  /** Writes {@code chunk} if not null, ends, and calls {@code callback} on FINISH or error. */
  default WritableStream<T> end(T chunk, Callback callback) {
    side(true).end(chunk, callback);
    return this;
  }

  /** Buffers writes until {@link #uncork()} so they reach the sink as one batch. */
  default void cork() {
    side(true).cork();
  }

  /** Undoes one {@link #cork()}; at zero the buffered writes are flushed together. */
  default void uncork() {
    side(true).uncork();
  }

  /** Whether {@code write} is safe: not ended, destroyed or errored. */
  default boolean isWritable() {
    return side(false).isWritable();
  }

  /** Buffered amount: bytes, or objects in object mode. */
  default long writableLength() {
    return side(false).length;
  }

  default long writableHighWaterMark() {
    return side(false).hwm;
  }

  /** Whether a write returned false and DRAIN has not been emitted yet. */
  default boolean writableNeedDrain() {
    return side(false).needDrain();
  }

  /** Whether {@code end()} was called. */
  default boolean writableEnded() {
    return side(false).endCalled();
  }

  /** Whether FINISH was emitted. */
  default boolean writableFinished() {
    return side(false).finished();
  }

  /** Destroyed or errored before FINISH. */
  default boolean writableAborted() {
    Stream s = stream();
    return (s.destroyed() || s.errored() != null) && !side(false).finished();
  }

  /** Current cork depth. */
  default int writableCorked() {
    return side(false).corked;
  }

  default boolean writableObjectMode() {
    return side(false).objectMode;
  }

  /** This destination as a {@link Stream}: for events, destroy and state. */
  default Stream stream() {
    return (Stream) this;
  }

  /** The writable state behind this stream; {@code mutate} checks the calling thread first. */
  private WritableState<T> side(boolean mutate) {
    Stream s = (Stream) this;
    if (mutate) {
      s.loop.checkInLoop(s);
    }
    return s.writableState();
  }
}
