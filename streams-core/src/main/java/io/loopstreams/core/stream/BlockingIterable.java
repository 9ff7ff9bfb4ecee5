package io.loopstreams.core.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;

/**
 * A Readable seen from another thread as a blocking {@link Iterable} or {@link
 * java.util.stream.Stream} (Reactor's {@code toIterable}/{@code toStream}): for code on a
 * platform thread, or a virtual thread on Java 21+, that wants a plain loop. Made on the loop
 * thread by {@link Readable#toBlockingIterable()}, then handed to the consuming thread.
 *
 * <p>Bounded: the loop reads ahead at most the source's mark plus two chunks; a slow consumer
 * holds the source back. {@code hasNext()}/{@code next()} block; the source's error is thrown
 * from them (a checked one wrapped: {@link UncheckedIOException} for an {@code IOException},
 * else {@link IllegalStateException}). Called on the loop thread they throw {@link
 * IllegalStateException} at once (they would wait forever). {@link #close()}, or closing the
 * {@code java.util.stream.Stream}, before the end destroys the source. One iteration only.
 *
 * @param <T> the chunk type
 */
public final class BlockingIterable<T> implements Iterable<T>, AutoCloseable {

  private final BlockingPull<T> pull;
  private boolean iterated;

  BlockingIterable(Readable<T> source) {
    this.pull = new BlockingPull<>(source);
  }

  /** The one iterator over the chunks. */
  @Override
  public synchronized Iterator<T> iterator() {
    if (iterated) {
      throw new IllegalStateException("a blocking iterable can be iterated once");
    }
    iterated = true;
    return new Iterator<>() {
      private Object next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          try {
            next = pull.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pull.close();
            throw new IllegalStateException("interrupted while waiting for the next chunk", e);
          }
        }
        if (next instanceof BlockingPull.Terminal t) {
          if (t.error() != null) {
            throw unchecked(t.error());
          }
          return false;
        }
        return true;
      }

      @Override
      @SuppressWarnings("unchecked")
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        T item = (T) next;
        next = null;
        return item;
      }
    };
  }

  /** The chunks as a sequential, ordered {@code java.util.stream.Stream}; closing it closes this. */
  public java.util.stream.Stream<T> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
        Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
  }

  /** Stops; the source is destroyed unless it already ended or failed. Any thread. */
  @Override
  public void close() {
    pull.close();
  }

  private static RuntimeException unchecked(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t instanceof IOException io) {
      return new UncheckedIOException(io);
    }
    return new IllegalStateException(t);
  }
}
