package io.loopstreams.core.stream;

import io.loopstreams.core.Promise;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A {@link Readable} consumed as a sequence of promises: Node's {@code
 * readable[Symbol.asyncIterator]()} and {@code readable.iterator({destroyOnReturn})}, where Java
 * has no {@code for await}.
 *
 * <pre>{@code
 * AsyncIterator<String> it = lines.iterator();
 * it.next().thenAccept(item -> item.ifPresentOrElse(this::handle, this::done));
 * }</pre>
 * {@link #next()} fulfils with the next chunk, or {@link Optional#empty()} at the end (Node's
 * {@code {done: true}}); calls made before data arrives are answered in call order. The source is
 * read in paused mode ({@code READABLE} + {@code read()}), attached on the first {@code next()}.
 *
 * <pre>
 *   idle ─next()→ reading ─chunk→ next() fulfils Optional.of(chunk)
 *                         ─END→ next() fulfils empty; then done
 *                         ─ERROR / premature CLOSE→ the pending (or next) next() rejects; then done
 *                         ─close()→ done (Node's return(), i.e. break): pending next()s fulfil empty
 *   done: every next() fulfils empty
 * </pre>
 * Leaving early ({@link #close()}) destroys the stream even with {@code autoDestroy} off, unless
 * the iterator was made with {@code destroyOnReturn} false; then it only detaches, and the
 * stream can still be read. Ending normally destroys only by {@code autoDestroy}; after an error
 * the stream is already destroyed.
 *
 * <p>Loop thread only.
 *
 * @param <T> the chunk type
 */
public final class AsyncIterator<T> implements AutoCloseable {

  // immutable
  private final Readable<T> source;
  private final boolean destroyOnReturn;
  private final Runnable readableListener = this::serve;

  // loop thread only
  private final ArrayDeque<Promise.Resolvers<Optional<T>>> waiting = new ArrayDeque<>();
  private Runnable finishedCleanup;
  /** Finished reported: END (error null) or a failure. */
  private boolean finished;
  private Throwable error;
  /** No chunk will be returned any more. */
  private boolean done;

  AsyncIterator(Readable<T> source, boolean destroyOnReturn) {
    this.source = source;
    this.destroyOnReturn = destroyOnReturn;
  }

  /** The next chunk, or empty at the end; rejects with the stream's error. */
  public Promise<Optional<T>> next() {
    source.loop.checkInLoop(source);
    Promise.Resolvers<Optional<T>> r = Promise.withResolvers(source.loop);
    waiting.addLast(r);
    if (!done && finishedCleanup == null) {
      source.on(Stream.READABLE, readableListener);
      finishedCleanup = Finished.finished(source, true, false, true, this::onFinished);
    }
    serve();
    return r.promise();
  }

  /**
   * Leaves early (Node's {@code return()}, what {@code break} does): pending {@link #next()}s
   * fulfil empty, and the stream is destroyed unless {@code destroyOnReturn} was false.
   */
  @Override
  public void close() {
    source.loop.checkInLoop(source);
    if (done) {
      return;
    }
    done = true;
    release(!finished && destroyOnReturn);
    serve();
  }

  private void onFinished(Throwable err) {
    finished = true;
    error = err;
    serve();
  }

  private void serve() {
    while (!waiting.isEmpty()) {
      if (done) {
        waiting.pollFirst().resolve(Optional.empty());
        continue;
      }
      T chunk = source.destroyed() ? null : source.read();
      if (chunk != null) {
        waiting.pollFirst().resolve(Optional.of(chunk));
      } else if (finished) {
        done = true;
        Throwable e = error;
        error = null;
        // Node's finally: an error leaves the stream destroyed; a normal end follows autoDestroy.
        release(e != null || source.autoDestroy());
        if (e != null) {
          waiting.pollFirst().reject(e);
        }
      } else {
        return; // wait for READABLE or the end
      }
    }
  }

  private void release(boolean destroy) {
    if (finishedCleanup == null) {
      return;
    }
    source.off(Stream.READABLE, readableListener);
    if (destroy) {
      // The finished watch stays: it ignores what follows (done), and a late ERROR has a listener.
      if (!source.destroyed()) {
        source.destroy();
      }
    } else {
      finishedCleanup.run();
    }
  }
}
