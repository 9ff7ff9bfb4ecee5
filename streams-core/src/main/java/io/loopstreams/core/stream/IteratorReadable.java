package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.util.Iterator;

/**
 * {@link Readable#from}: pulls from an iterator while {@code push} accepts. A null item fails
 * with {@code ERR_STREAM_NULL_VALUES}; an iterator that throws destroys the stream with that
 * error; an {@link AutoCloseable} iterator is closed on destroy (JavaScript's {@code return()}).
 */
final class IteratorReadable<T> extends Readable<T> {

  private final Iterator<? extends T> items;

  IteratorReadable(EventLoop loop, Iterator<? extends T> items, StreamOptions options) {
    super(loop, options);
    this.items = items;
  }

  @Override
  protected void doRead(long size) {
    while (true) {
      if (!items.hasNext()) {
        push(null);
        return;
      }
      T item = items.next();
      if (item == null) {
        destroy(StreamException.nullValues());
        return;
      }
      if (!push(item)) {
        return;
      }
    }
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    if (items instanceof AutoCloseable) {
      try {
        ((AutoCloseable) items).close();
      } catch (Exception e) {
        callback.done(error != null ? error : e);
        return;
      }
    }
    callback.done(error);
  }
}
