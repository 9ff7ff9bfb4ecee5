package io.loopstreams.core.text;

import io.loopstreams.core.Callback;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import java.nio.ByteBuffer;

/**
 * {@link Text#utf8Decoder()}: bytes in, strings out, decoded with {@link Utf8Decoder} (Node's
 * {@code StringDecoder('utf8')} semantics). A chunk that ends inside a character pushes the
 * characters before it and keeps the partial bytes for the next chunk; a chunk that yields no
 * character pushes nothing; a partial character left at the end becomes U+FFFD.
 */
final class Utf8DecodeTransform extends Transform<ByteBuffer, String> {

  // loop thread only
  private final Utf8Decoder decoder = new Utf8Decoder();
  private final StringBuilder out = new StringBuilder();

  Utf8DecodeTransform(StreamOptions options) {
    super(options);
  }

  @Override
  protected void doTransform(ByteBuffer chunk, Callback callback) {
    decoder.decode(chunk, out);
    flushOut();
    callback.done(null);
  }

  @Override
  protected void doFlush(Callback callback) {
    decoder.finish(out);
    flushOut();
    callback.done(null);
  }

  private void flushOut() {
    if (out.length() > 0) {
      String s = out.toString();
      out.setLength(0);
      push(s);
    }
  }
}
