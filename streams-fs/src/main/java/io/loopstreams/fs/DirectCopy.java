package io.loopstreams.fs;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.stream.Finished;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.fs.internal.CopyFile;
import io.loopstreams.fs.internal.Transfer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A file → file pipeline without the pipe: waits until both streams are open, copies the read
 * range into the write stream's file with {@code transferTo} on the pool (up to {@link #STEP}
 * bytes per request, one request in flight), then ends both streams the normal way so that
 * their events still tell the story: the read stream ENDs and CLOSEs, the write stream runs its
 * final step (fsync, atomic rename), FINISHes and CLOSEs. Calls back once, after both are done.
 *
 * <p>On failure (an open error, a transfer error, a stream destroyed meanwhile) both streams are
 * destroyed with the first error and the callback gets it. Loop thread only.
 */
final class DirectCopy {

  /** Bytes per offloaded transfer request: large enough that hand-offs are noise. */
  static final long STEP = CopyFile.STEP;

  private final EventLoop loop;
  private final FileReadStream src;
  private final FileWriteStream dst;
  private Callback callback;
  private boolean started;
  private int pending = 2;
  private Throwable firstError;

  DirectCopy(FileReadStream src, FileWriteStream dst, Callback callback) {
    this.loop = src.loop();
    this.src = src;
    this.dst = dst;
    this.callback = callback;
  }

  void start() {
    Runnable check = this::maybeStart;
    src.once(FileReadStream.READY, check);
    dst.once(FileWriteStream.READY, check);
    src.once(Stream.CLOSE, () -> closedEarly(src));
    dst.once(Stream.CLOSE, () -> closedEarly(dst));
    maybeStart();
  }

  private void closedEarly(Stream s) {
    if (!started && callback != null) {
      fail(s.errored() != null ? s.errored() : StreamException.prematureClose());
    }
  }

  private void maybeStart() {
    if (started || callback == null || !src.isOpen() || !dst.isOpen()) {
      return;
    }
    started = true;
    src.beginTransfer();
    dst.beginTransfer();
    step();
  }

  private void step() {
    long max = Math.min(STEP, src.rangeRemaining());
    if (max == 0) {
      complete();
      return;
    }
    long at = src.position();
    FileChannel in = src.channel();
    boolean seekable = src.regular();
    FileChannel out = dst.channel();
    Path inPath = src.path();
    Path outPath = dst.path();
    // Only values captured on the loop cross to the pool (published by the executor hand-off).
    loop.offload(() -> Transfer.copy(in, seekable, at, max, out, inPath, outPath),
        (n, error) -> {
          if (error == null) {
            src.advance(n);
            dst.advance(n);
          }
          if (error != null || src.destroyed() || dst.destroyed()) {
            Throwable e = error != null ? error
                : src.errored() != null ? src.errored()
                : dst.errored() != null ? dst.errored() : StreamException.prematureClose();
            endTransfers();
            fail(e);
          } else if (n < max) {
            complete();
          } else {
            step();
          }
        });
  }

  private void endTransfers() {
    src.endTransfer();
    dst.endTransfer();
  }

  private void complete() {
    endTransfers();
    Finished.finished(src, this::oneDone);
    Finished.finished(dst, this::oneDone);
    src.endAfterTransfer();
    dst.end();
  }

  private void oneDone(Throwable e) {
    if (e != null && firstError == null) {
      firstError = e;
      src.destroy(e);
      dst.destroy(e);
    }
    if (--pending == 0) {
      deliver(firstError);
    }
  }

  private void fail(Throwable e) {
    src.destroy(e);
    dst.destroy(e);
    deliver(e);
  }

  private void deliver(Throwable e) {
    Callback cb = callback;
    callback = null;
    if (cb != null) {
      cb.done(e);
    }
  }
}
