package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;

/**
 * How an operator consumes its source: Node's {@code createAsyncIterator} without the
 * generator. The source is read in paused mode ({@code READABLE} + {@code read()}); its end,
 * error or premature close is observed with {@link Finished} (readable side only).
 *
 * <pre>
 *   idle ─start()→ attached ─END→ done(null)
 *                           ─ERROR / premature CLOSE→ done(err)
 *                           ─close()→ done, source destroyed (without an error, as Node's
 *                                     iterator {@code return()} does)
 * </pre>
 * After {@code done}, {@link #next()} returns null and no callback fires again.
 *
 * <p>Loop thread only.
 */
final class SourcePull<T> {

  // immutable
  final Readable<T> source;
  private final Runnable onReadable;
  private final Callback onDone;
  private final Runnable readableListener = this::readable;

  // loop thread only
  private boolean attached;
  private boolean done;

  /**
   * @param onReadable called when the source may have data for {@link #next()}
   * @param onDone called once: null after END, else the error (premature close included)
   */
  SourcePull(Readable<T> source, Runnable onReadable, Callback onDone) {
    this.source = source;
    this.onReadable = onReadable;
    this.onDone = onDone;
  }

  /** Attaches to the source (idempotent): this is what starts the source reading. */
  void start() {
    if (attached || done) {
      return;
    }
    attached = true;
    source.on(Stream.READABLE, readableListener);
    Finished.finished(source, true, false, true, this::finished);
  }

  /** The next buffered item, or null: then wait for {@code onReadable} or {@code onDone}. */
  T next() {
    if (done || source.destroyed()) {
      return null;
    }
    return source.read();
  }

  /** Whether the source ended, failed or was closed. */
  boolean isDone() {
    return done;
  }

  /**
   * Stops consuming and destroys the source (without an error) unless it already ended, failed
   * or closed. The {@code Finished} listeners stay attached, ignored: a late ERROR from the
   * source's own {@code doDestroy} then still has a listener.
   */
  void close() {
    if (done) {
      return;
    }
    done = true;
    if (attached) {
      source.off(Stream.READABLE, readableListener);
    }
    if (!source.destroyed()) {
      source.destroy();
    }
  }

  private void readable() {
    if (!done) {
      onReadable.run();
    }
  }

  private void finished(Throwable error) {
    if (done) {
      return;
    }
    done = true;
    source.off(Stream.READABLE, readableListener);
    onDone.done(error);
  }
}
