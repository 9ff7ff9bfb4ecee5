package io.loopstreams.core.text;

import io.loopstreams.core.Callback;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import java.nio.ByteBuffer;

/**
 * {@link Text#lines()} and {@link Text#utf8Lines()}: text (strings, or UTF-8 bytes decoded on
 * the way) in, one string per line out. Lines end at {@code \n}; a {@code \r} right before it is
 * dropped too ({@code \r\n}), whichever chunks the two fall in. The last line, when the input
 * does not end with a newline, is pushed at the end (flush). An empty input gives no line; an
 * input ending with a newline gives no empty last line.
 *
 * <p>Memory is bounded by {@code maxLineLength}: a line longer than that (not counting its
 * terminator) fails the stream with {@code ERR_OUT_OF_RANGE} instead of growing the buffer.
 *
 * @param <I> {@code String} or {@code ByteBuffer}
 */
final class LineSplitter<I> extends Transform<I, String> {

  // immutable
  private final int maxLineLength;
  /** Null for string input. */
  private final Utf8Decoder decoder;

  // loop thread only
  private final StringBuilder partial = new StringBuilder();
  private final StringBuilder decoded;

  LineSplitter(StreamOptions options, int maxLineLength, boolean bytes) {
    super(options);
    if (maxLineLength < 1) {
      throw StreamException.outOfRange("maxLineLength", ">= 1", maxLineLength);
    }
    this.maxLineLength = maxLineLength;
    this.decoder = bytes ? new Utf8Decoder() : null;
    this.decoded = bytes ? new StringBuilder() : null;
  }

  @Override
  protected void doTransform(I chunk, Callback callback) {
    CharSequence text;
    if (decoder != null) {
      decoded.setLength(0);
      decoder.decode((ByteBuffer) chunk, decoded);
      text = decoded;
    } else {
      text = (CharSequence) chunk;
    }
    callback.done(split(text));
  }

  @Override
  protected void doFlush(Callback callback) {
    if (decoder != null) {
      decoded.setLength(0);
      decoder.finish(decoded);
      Throwable err = split(decoded);
      if (err != null) {
        callback.done(err);
        return;
      }
    }
    if (partial.length() > 0) {
      String last = partial.toString();
      partial.setLength(0);
      push(last);
    }
    callback.done(null);
  }

  /** Pushes every complete line of {@code partial + text}; returns an error for a long line. */
  private Throwable split(CharSequence text) {
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (text.charAt(i) != '\n') {
        continue;
      }
      String line;
      if (partial.length() == 0) {
        int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
        line = text.subSequence(start, end).toString();
      } else {
        partial.append(text, start, i);
        int len = partial.length();
        if (len > 0 && partial.charAt(len - 1) == '\r') {
          partial.setLength(len - 1);
        }
        line = partial.toString();
        partial.setLength(0);
      }
      if (line.length() > maxLineLength) {
        return tooLong();
      }
      push(line);
      start = i + 1;
    }
    partial.append(text, start, n);
    // One more than the limit is allowed while the last char may be the '\r' of a "\r\n".
    if (partial.length() > maxLineLength + 1
        || (partial.length() == maxLineLength + 1 && partial.charAt(maxLineLength) != '\r')) {
      partial.setLength(0);
      return tooLong();
    }
    return null;
  }

  private StreamException tooLong() {
    return new StreamException(ErrorCode.ERR_OUT_OF_RANGE,
        "A line is longer than maxLineLength (" + maxLineLength + " characters)");
  }
}
