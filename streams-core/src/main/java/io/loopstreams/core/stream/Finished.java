package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.Listener;
import io.loopstreams.core.Promise;
import io.loopstreams.core.StreamException;
import java.util.Objects;

/**
 * Node's {@code stream.finished} ({@code end-of-stream.js}): calls back exactly once when a
 * stream is done — after END (readable side) and/or FINISH (writable side), or after CLOSE for a
 * stream that will close — with the error if it failed, or {@code ERR_STREAM_PREMATURE_CLOSE} if
 * it closed before finishing. {@link Pipeline} is built on it.
 */
public final class Finished {

  private Finished() {
  }

  /** Waits for every side the stream has. Returns a cleanup that detaches without calling back. */
  public static Runnable finished(Stream stream, Callback callback) {
    return finished(stream, stream.hasReadableSide(), stream.hasWritableSide(), true, callback);
  }

  /** Promise form: fulfils when the stream finished, rejects with its error. */
  public static Promise<Void> finished(Stream stream) {
    Promise.Resolvers<Void> r = Promise.withResolvers(stream.loop);
    finished(stream, e -> {
      if (e != null) {
        r.reject(e);
      } else {
        r.resolve(null);
      }
    });
    return r.promise();
  }

  /**
   * Waits for the chosen sides.
   *
   * @param readable wait for the readable side's END
   * @param writable wait for the writable side's FINISH
   * @param error whether an ERROR event completes the wait (Node's {@code error} option)
   */
  public static Runnable finished(Stream stream, boolean readable, boolean writable, boolean error,
      Callback callback) {
    Objects.requireNonNull(callback, "callback");
    stream.loop.checkInLoop(stream);
    return new Watch(stream, readable, writable, error, callback).start();
  }

  /** The state of one wait. */
  private static final class Watch {
    final Stream s;
    final boolean readable;
    final boolean writable;
    final boolean watchError;
    Callback callback;
    boolean willEmitClose;
    boolean readableFinished;
    boolean writableFinished;

    final Runnable onEnd = this::onEnd;
    final Runnable onFinish = this::onFinish;
    final Listener<Throwable> onError = this::onError;
    final Runnable onClose = this::onClose;

    Watch(Stream s, boolean readable, boolean writable, boolean watchError, Callback callback) {
      this.s = s;
      this.readable = readable;
      this.writable = writable;
      this.watchError = watchError;
      this.callback = callback;
    }

    Runnable start() {
      willEmitClose = s.willEmitClose() && s.hasReadableSide() == readable
          && s.hasWritableSide() == writable;
      writableFinished = s.writableFinishedLoose();
      readableFinished = s.readableFinishedLoose();
      s.on(Stream.END, onEnd);
      s.on(Stream.FINISH, onFinish);
      if (watchError) {
        s.on(Stream.ERROR, onError);
      }
      s.on(Stream.CLOSE, onClose);
      if (s.closed()) {
        s.loop.nextTick(this::onClose);
      } else if (s.errorEmitted()) {
        if (!willEmitClose) {
          s.loop.nextTick(() -> done(s.errored()));
        }
      } else if (!readable && (!willEmitClose || s.readableAlive())
          && (writableFinished || !s.writableAlive()) && s.writablePendingCallbacks() == 0) {
        s.loop.nextTick(() -> done(null));
      } else if (!writable && (!willEmitClose || s.writableAlive())
          && (readableFinished || !s.readableAlive())) {
        s.loop.nextTick(() -> done(null));
      }
      return this::cleanup;
    }

    private void onEnd() {
      readableFinished = true;
      if (s.destroyed()) {
        willEmitClose = false;
      }
      if (willEmitClose && (!s.writableAlive() || writable)) {
        return;
      }
      if (!writable || writableFinished) {
        done(null);
      }
    }

    private void onFinish() {
      writableFinished = true;
      if (s.destroyed()) {
        willEmitClose = false;
      }
      if (willEmitClose && (!s.readableAlive() || readable)) {
        return;
      }
      if (!readable || readableFinished) {
        done(null);
      }
    }

    private void onError(Throwable e) {
      done(e);
    }

    private void onClose() {
      if (s.errored() != null) {
        done(s.errored());
      } else if (readable && !readableFinished && s.hasReadableSide() && !s.readableFinishedLoose()) {
        done(StreamException.prematureClose());
      } else if (writable && !writableFinished && !s.writableFinishedLoose()) {
        done(StreamException.prematureClose());
      } else {
        done(null);
      }
    }

    private void done(Throwable e) {
      Callback cb = callback;
      if (cb == null) {
        return;
      }
      callback = null;
      cb.done(e);
    }

    private void cleanup() {
      callback = null;
      s.off(Stream.END, onEnd);
      s.off(Stream.FINISH, onFinish);
      s.off(Stream.ERROR, onError);
      s.off(Stream.CLOSE, onClose);
    }
  }
}
