package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.buffer.ChunkLedger;

/**
 * Node's {@code stream.PassThrough}: a {@link Transform} that outputs its input unchanged.
 *
 * <p>Pooled chunks (docs/buffers.md) pass through it with their ownership: a {@code PassThrough}
 * adopts the chunks a pooled source pipes into it and tracks them on its readable side with the
 * same ledger, so each goes on to the destination that adopts it downstream (or is shared, if
 * its consumer may keep it) and a file → PassThrough → file pipeline recycles its blocks as a
 * file → file one does. It counts as adopting only while a stream behind it adopts, so a source
 * whose chunks would all end up shared reads into heap buffers. Only this class forwards: a
 * subclass may keep what it is given.
 */
public class PassThrough<T> extends Transform<T, T> {

  /** The pooled chunks between its two sides, or null (a subclass). */
  private final ChunkLedger forwarded;

  public PassThrough(StreamOptions options) {
    this(currentLoop(), options);
  }

  public PassThrough(EventLoop loop, StreamOptions options) {
    super(loop, options);
    if (getClass() == PassThrough.class) {
      forwarded = new ChunkLedger();
      adoptPooledChunks(forwarded);
      trackPooledChunks(forwarded);
      ws.forwardsTo = this; // adopted only while a stream behind it consumes them
    } else {
      forwarded = null;
    }
  }

  @Override
  protected void doTransform(T chunk, Callback callback) {
    push(chunk);
    callback.done(null);
  }

  /** Destroyed: what it still holds (buffered on either side, or dropped by the push) is unseen. */
  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    if (forwarded != null) {
      forwarded.releaseAll();
    }
    callback.done(error);
  }
}
