package io.loopstreams.core.stream;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.StreamException;
import java.nio.ByteBuffer;

/**
 * How a stream measures its buffer against the high-water mark: bytes ({@link
 * ByteBuffer#remaining()}) for byte streams, one per chunk for object streams (WHATWG's
 * ByteLengthQueuingStrategy and CountQueuingStrategy). Immutable.
 */
public final class QueuingStrategy {

  /** Node's default for byte streams (since Node 22, non-Windows). */
  public static final int DEFAULT_BYTES = 64 * 1024;
  /** Node's default for object-mode streams. */
  public static final int DEFAULT_OBJECTS = 16;

  private static final QueuingStrategy DEFAULT_BYTE_STRATEGY = new QueuingStrategy(true, DEFAULT_BYTES);
  private static final QueuingStrategy DEFAULT_COUNT_STRATEGY = new QueuingStrategy(false, DEFAULT_OBJECTS);

  private final boolean bytes;
  private final long highWaterMark;

  private QueuingStrategy(boolean bytes, long highWaterMark) {
    if (highWaterMark < 0) {
      throw new StreamException(ErrorCode.ERR_INVALID_ARG_VALUE,
          "The property 'options.highWaterMark' is invalid. Received " + highWaterMark);
    }
    this.bytes = bytes;
    this.highWaterMark = highWaterMark;
  }

  /** Measures {@link ByteBuffer} chunks by their remaining bytes. */
  public static QueuingStrategy bytes(long highWaterMark) {
    return highWaterMark == DEFAULT_BYTES ? DEFAULT_BYTE_STRATEGY : new QueuingStrategy(true, highWaterMark);
  }

  /** Bytes with the default mark of 64 KiB. */
  public static QueuingStrategy bytes() {
    return DEFAULT_BYTE_STRATEGY;
  }

  /** Counts chunks (object mode). */
  public static QueuingStrategy count(long highWaterMark) {
    return highWaterMark == DEFAULT_OBJECTS ? DEFAULT_COUNT_STRATEGY : new QueuingStrategy(false, highWaterMark);
  }

  /** Counts chunks with the default mark of 16. */
  public static QueuingStrategy count() {
    return DEFAULT_COUNT_STRATEGY;
  }

  /** Whether chunks are measured in bytes (a byte stream) rather than counted (object mode). */
  public boolean isBytes() {
    return bytes;
  }

  public long highWaterMark() {
    return highWaterMark;
  }

  /** The size of one chunk under this strategy. */
  public long size(Object chunk) {
    return bytes ? ((ByteBuffer) chunk).remaining() : 1;
  }

  /** Same kind, another mark. */
  public QueuingStrategy withHighWaterMark(long mark) {
    return bytes ? bytes(mark) : count(mark);
  }

  @Override
  public String toString() {
    return (bytes ? "bytes(" : "count(") + highWaterMark + ")";
  }
}
