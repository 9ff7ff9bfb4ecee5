package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.Listener;
import java.util.List;

/**
 * One {@code src.pipe(dest)} link (Node's {@code Readable.prototype.pipe} closure state). Writes
 * each DATA chunk to the destination; when {@code write} returns false, pauses the source and
 * counts the destination in the source's {@code awaitDrain} until its DRAIN. Ends the
 * destination on the source's END (unless {@code end == false}); detaches on the destination's
 * ERROR, CLOSE or FINISH. Never destroys anything: {@link Pipeline} does that.
 */
final class Pipe<T> {

  final Readable<T> src;
  final WritableStream<T> dest;
  private final Stream destStream;
  /** The destination's writable state when its {@code write} is ours: written to directly. */
  private final WritableState<T> sink;
  private final boolean end;
  private boolean cleanedUp;
  private boolean waitingDrain;
  private boolean drainListening;

  /** The DATA listener; {@link Readable} calls {@link #onData} directly while it is the only one. */
  final Listener<Object> onData = this::onData;
  private final Runnable endFn;
  private final Runnable onDrain = this::onDrain;
  private final Listener<Throwable> onError = this::onError;
  private final Runnable onClose = this::onClose;
  private final Runnable onFinish = this::onFinish;
  private final Listener<Readable<?>> onUnpipe = this::onUnpipe;

  @SuppressWarnings("unchecked")
  Pipe(Readable<T> src, WritableStream<T> dest, boolean end) {
    this.src = src;
    this.dest = dest;
    this.destStream = dest.stream();
    Class<?> base = dest instanceof Duplex ? Duplex.class : Writable.class;
    this.sink = Stream.overrides(dest.getClass(), base, "write", Object.class, Callback.class)
        ? null : (WritableState<T>) destStream.writableSide();
    this.end = end;
    this.endFn = end ? this::onEnd : this::unpipe;
  }

  /**
   * The destination that adopts a pooled chunk delivered to {@code dataListeners} now, or null:
   * the listeners are one pipe's (writing straight into a destination that adopts chunks) plus
   * only {@link ChunkObserver}s.
   */
  static WritableState<?> adopter(List<? extends Pipe<?>> pipes, List<Object> dataListeners) {
    Pipe<?> sole = null;
    for (Object l : dataListeners) {
      if (l instanceof ChunkObserver) {
        continue;
      }
      if (sole != null) {
        return null;
      }
      for (Pipe<?> p : pipes) {
        if (p.onData == l) {
          sole = p;
        }
      }
      if (sole == null) {
        return null;
      }
    }
    return sole != null && sole.sink != null && sole.sink.adoptedChunks != null ? sole.sink : null;
  }

  void start() {
    if (src.readableEnded()) {
      src.loop.nextTick(endFn);
    } else {
      src.once(Stream.END, endFn);
    }
    destStream.on(Stream.UNPIPE, onUnpipe);
    src.on(Stream.DATA, onData);
    destStream.prependListener(Stream.ERROR, onError);
    destStream.once(Stream.CLOSE, onClose);
    destStream.once(Stream.FINISH, onFinish);
    destStream.emit(Stream.PIPE, src);
    if (dest.writableNeedDrain()) {
      pause();
    } else if (!Boolean.TRUE.equals(src.readableFlowing())) {
      src.resume();
    }
  }

  @SuppressWarnings("unchecked")
  void onData(Object chunk) {
    // On the loop (DATA is), so the direct call may skip write()'s thread check.
    if (!(sink != null ? sink.write((T) chunk, null) : dest.write((T) chunk, null))) {
      pause();
    }
  }

  private void pause() {
    if (!cleanedUp) {
      if (!waitingDrain) {
        waitingDrain = true;
        src.awaitDrain++;
      }
      src.pause();
    }
    if (!drainListening) {
      drainListening = true;
      destStream.on(Stream.DRAIN, onDrain);
    }
  }

  private void onDrain() {
    if (waitingDrain) {
      waitingDrain = false;
      src.awaitDrain = Math.max(0, src.awaitDrain - 1);
    }
    if (src.awaitDrain == 0 && src.listenerCount(Stream.DATA) > 0) {
      src.resume();
    }
  }

  private void onEnd() {
    dest.end();
  }

  private void onError(Throwable error) {
    unpipe();
    destStream.off(Stream.ERROR, onError);
    if (destStream.listenerCount(Stream.ERROR) == 0) {
      // Nobody else listens: the error must not vanish.
      if (!destStream.errorEmitted()) {
        destStream.errorOrDestroy(error, false);
      } else {
        destStream.emit(Stream.ERROR, error);
      }
    }
  }

  private void onClose() {
    destStream.off(Stream.FINISH, onFinish);
    unpipe();
  }

  private void onFinish() {
    destStream.off(Stream.CLOSE, onClose);
    unpipe();
  }

  private void onUnpipe(Readable<?> from) {
    // Only the link that was removed cleans up (Node's unpipeInfo.hasUnpiped): the same source
    // may be piped to this destination twice, and an UNPIPE emitted by hand detaches nothing.
    if (from == src && !cleanedUp && (src.pipes == null || !src.pipes.contains(this))) {
      cleanup();
    }
  }

  /** Detaches this link: {@code src.unpipe(dest)}. */
  void unpipe() {
    if (src.pipes == null || !src.pipes.remove(this)) {
      return;
    }
    if (src.pipes.isEmpty()) {
      src.pause();
    }
    destStream.emit(Stream.UNPIPE, src);
  }

  private void cleanup() {
    destStream.off(Stream.CLOSE, onClose);
    destStream.off(Stream.FINISH, onFinish);
    if (drainListening) {
      destStream.off(Stream.DRAIN, onDrain);
    }
    destStream.off(Stream.ERROR, onError);
    destStream.off(Stream.UNPIPE, onUnpipe);
    src.off(Stream.END, endFn);
    src.off(Stream.DATA, onData);
    cleanedUp = true;
    if (waitingDrain) {
      onDrain();
    }
  }
}
