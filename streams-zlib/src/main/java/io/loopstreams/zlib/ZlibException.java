package io.loopstreams.zlib;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.StreamException;

/**
 * A compression or decompression failure, as Node's zlib errors: {@link #codeName()} is zlib's
 * return code ({@code "Z_DATA_ERROR"}), {@link #errno()} its value ({@code -3}), the message is
 * zlib's ({@code "incorrect header check"}, {@code "unexpected end of file"}). Brotli and zstd
 * failures use the same type with their library's message.
 *
 * <p>Differences from Node: {@link #offset()} adds the position in the compressed input (for
 * decoders) or in the uncompressed input (for encoders) where the failure was detected.
 */
public class ZlibException extends StreamException {
  private final long offset;

  public ZlibException(ErrorCode code, String message, long offset) {
    this(code, message, offset, null);
  }

  public ZlibException(ErrorCode code, String message, long offset, Throwable cause) {
    super(code, message, cause);
    this.offset = offset;
  }

  /** zlib's return code, as Node's {@code err.errno}: {@code -3} for {@code Z_DATA_ERROR}. */
  public int errno() {
    return code().errno();
  }

  /** The input byte offset where the error was detected, or -1 when unknown. */
  public long offset() {
    return offset;
  }

  /** {@code Z_DATA_ERROR}: the input is not valid compressed data. */
  public static ZlibException dataError(String message, long offset) {
    return new ZlibException(ErrorCode.Z_DATA_ERROR, message, offset);
  }

  /** {@code Z_BUF_ERROR} "unexpected end of file": the input ended inside a stream. */
  public static ZlibException unexpectedEnd(long offset) {
    return new ZlibException(ErrorCode.Z_BUF_ERROR, "unexpected end of file", offset);
  }
}
