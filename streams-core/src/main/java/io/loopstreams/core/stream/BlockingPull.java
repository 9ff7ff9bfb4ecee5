package io.loopstreams.core.stream;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Handoff;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * A Readable pulled by a thread that may block: the engine of {@link BlockingIterable} and of
 * {@link JavaIo#inputStream}. The loop moves chunks from the source (paused mode) into a bounded
 * queue that the consumer thread takes from; every take signals the loop, through a {@link
 * Handoff}, to refill. Memory is bounded by the source's mark plus {@link #CAPACITY} chunks.
 *
 * <pre>
 *   open ─chunk→ queued ─take→ consumer
 *        ─END / error→ terminal queued after the chunks → every later take returns it
 *        ─close() (any thread)→ queue cleared; the source destroyed on the loop unless finished
 * </pre>
 *
 * <h2>Threads</h2>
 * Built on the loop thread; {@link #take()} on any other thread (it throws {@code
 * IllegalStateException} on the loop's own thread, which it would deadlock); {@link #close()} on
 * any thread. The queue publishes each chunk (its lock's happens-before), the {@code Handoff}
 * publishes the consumer's takes to the loop.
 */
final class BlockingPull<T> implements AutoCloseable {

  /** Chunks in transit between the loop and the consumer, beyond the source's own buffer. */
  static final int CAPACITY = 2;

  /** The end of the stream, or its failure. */
  record Terminal(Throwable error) {
  }

  // immutable
  private final Readable<T> source;
  private final EventLoop loop;
  private final ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Handoff<Object> refill;
  private final Runnable pumpListener = this::pump;

  // any thread
  private volatile boolean closed;

  // loop thread only
  private Terminal finished;
  private boolean terminalQueued;

  // consumer thread only
  private Terminal seen;

  BlockingPull(Readable<T> source) {
    source.loop.checkInLoop(source);
    this.source = source;
    this.loop = source.loop;
    this.refill = Handoff.bounded(loop, 1, h -> pump(), () -> { });
    source.on(Stream.READABLE, pumpListener);
    Finished.finished(source, true, false, true, err -> {
      finished = new Terminal(err);
      pump();
    });
  }

  private void pump() {
    while (!closed && !terminalQueued && queue.remainingCapacity() > 0) {
      // One chunk as pushed (a paused byte stream's read() would concatenate the whole buffer).
      long head = source.readableHeadLength();
      T chunk = source.destroyed() ? null : head == 0 ? source.read() : source.read(head);
      if (chunk != null) {
        queue.offer(chunk);
      } else if (finished != null) {
        terminalQueued = true;
        source.off(Stream.READABLE, pumpListener);
        queue.offer(finished);
      } else {
        return;
      }
    }
  }

  /**
   * Blocks until the next chunk or the end: a chunk, or a {@link Terminal} (again on every later
   * call).
   *
   * @throws IllegalStateException on the loop thread
   * @throws InterruptedException if interrupted while waiting
   */
  Object take() throws InterruptedException {
    if (loop.inLoop()) {
      throw new IllegalStateException("a blocking read of " + source.name() + " on its own loop thread "
          + Thread.currentThread().getName() + " would never return: read it from another thread");
    }
    if (seen != null) {
      return seen;
    }
    if (closed) {
      return seen = new Terminal(null);
    }
    Object item = queue.take();
    if (item instanceof Terminal t) {
      seen = t;
    } else {
      refill.signal();
    }
    return item;
  }

  /** Any thread: stops, and destroys the source unless it already ended or failed. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    try {
      loop.execute(() -> {
        source.off(Stream.READABLE, pumpListener);
        if (finished == null && !source.destroyed()) {
          source.destroy();
        }
      });
    } catch (RejectedExecutionException e) {
      // the loop is gone, and the source with it
    }
  }
}
