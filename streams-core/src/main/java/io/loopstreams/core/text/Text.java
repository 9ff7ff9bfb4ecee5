package io.loopstreams.core.text;

import io.loopstreams.core.stream.QueuingStrategy;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import java.nio.ByteBuffer;

/**
 * Text transforms: decode UTF-8 bytes into strings, split text into lines. Each factory returns
 * a new {@link Transform} on the current loop.
 *
 * <pre>{@code
 * Pipeline.from(file).pipe(Text.utf8Lines()).to(lineSink);
 * }</pre>
 *
 * <h2>Differences from Node</h2>
 * Node decodes with {@code readable.setEncoding('utf8')} or a {@code StringDecoder}; here
 * decoding is a transform stage, since byte streams carry {@code ByteBuffer}s only. The error
 * handling is the same: each ill-formed sequence becomes one U+FFFD, a character split across
 * chunks is carried over, and a truncated character at the end becomes one U+FFFD. Node has no
 * line splitter stream ({@code readline} is an interface on top of streams); ours ends lines at
 * {@code \n} and {@code \r\n} only, not at a lone {@code \r}.
 */
public final class Text {

  /** The default bound of {@link #lines()}: 1 Mi characters. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

  private Text() {
  }

  /** Bytes to strings: one string per input chunk (less a partial character), none if empty. */
  public static Transform<ByteBuffer, String> utf8Decoder() {
    return new Utf8DecodeTransform(decoderOptions());
  }

  /** {@link #utf8Decoder()} with explicit options (readable side counted in strings). */
  public static Transform<ByteBuffer, String> utf8Decoder(StreamOptions options) {
    return new Utf8DecodeTransform(options);
  }

  /** Strings to lines, at most {@link #DEFAULT_MAX_LINE_LENGTH} characters each. */
  public static Transform<String, String> lines() {
    return lines(DEFAULT_MAX_LINE_LENGTH);
  }

  /** Strings to lines; a longer line fails the stream with {@code ERR_OUT_OF_RANGE}. */
  public static Transform<String, String> lines(int maxLineLength) {
    return new LineSplitter<>(StreamOptions.objects(), maxLineLength, false);
  }

  /** UTF-8 bytes to lines, at most {@link #DEFAULT_MAX_LINE_LENGTH} characters each. */
  public static Transform<ByteBuffer, String> utf8Lines() {
    return utf8Lines(DEFAULT_MAX_LINE_LENGTH);
  }

  /** UTF-8 bytes to lines; a longer line fails the stream with {@code ERR_OUT_OF_RANGE}. */
  public static Transform<ByteBuffer, String> utf8Lines(int maxLineLength) {
    return new LineSplitter<>(decoderOptions(), maxLineLength, true);
  }

  /** Bytes in (64 KiB mark), strings out (counted, mark 16). */
  private static StreamOptions decoderOptions() {
    return StreamOptions.bytes().strategy(QueuingStrategy.count(), QueuingStrategy.bytes());
  }
}
