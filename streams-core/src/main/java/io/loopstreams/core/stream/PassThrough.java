package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;

/** Node's {@code stream.PassThrough}: a {@link Transform} that outputs its input unchanged. */
public class PassThrough<T> extends Transform<T, T> {

  public PassThrough(StreamOptions options) {
    super(options);
  }

  public PassThrough(EventLoop loop, StreamOptions options) {
    super(loop, options);
  }

  @Override
  protected void doTransform(T chunk, Callback callback) {
    push(chunk);
    callback.done(null);
  }
}
