package io.loopstreams.core;

/**
 * Anything that can be written to: a {@link Writable} or the writable side of a {@link Duplex}
 * (Node's {@code instanceof Writable} is true for both). Destinations of {@code pipe} and
 * {@link Pipeline} are typed by it. Loop-confined.
 *
 * @param <T> the chunk type accepted
 */
public sealed interface WritableStream<T> permits Writable, Duplex {

  /**
   * Writes a chunk. Returns false once the buffered amount reaches the high-water mark: stop
   * writing until DRAIN. After {@code end()} the write fails with {@code
   * ERR_STREAM_WRITE_AFTER_END} (the callback gets it on the next tick, then ERROR).
   */
  default boolean write(T chunk) {
    return write(chunk, null);
  }

  /** {@link #write(Object)} with a callback called when the chunk was handled (or failed). */
  boolean write(T chunk, Callback callback);

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
  WritableStream<T> end(T chunk, Callback callback);

  /** Buffers writes until {@link #uncork()} so they reach the sink as one batch. */
  void cork();

  /** Undoes one {@link #cork()}; at zero the buffered writes are flushed together. */
  void uncork();

  /** Whether {@code write} is safe: not ended, destroyed or errored. */
  boolean isWritable();

  /** Buffered amount: bytes, or objects in object mode. */
  long writableLength();

  long writableHighWaterMark();

  /** Whether a write returned false and DRAIN has not been emitted yet. */
  boolean writableNeedDrain();

  /** Whether {@code end()} was called. */
  boolean writableEnded();

  /** Whether FINISH was emitted. */
  boolean writableFinished();

  /** Current cork depth. */
  int writableCorked();

  boolean writableObjectMode();

  /** This destination as a {@link Stream}: for events, destroy and state. */
  default Stream stream() {
    return (Stream) this;
  }
}
