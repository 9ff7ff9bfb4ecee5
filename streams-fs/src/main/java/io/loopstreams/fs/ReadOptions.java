package io.loopstreams.fs;

import io.loopstreams.core.StreamException;
import io.loopstreams.core.stream.QueuingStrategy;

/**
 * Options of {@link Fs#createReadStream(java.nio.file.Path, ReadOptions)}, Node's {@code
 * fs.createReadStream} options as an immutable value: {@code ReadOptions.defaults().start(1).end(2)}.
 *
 * <ul>
 *   <li>{@code start}: first byte offset, default 0;</li>
 *   <li>{@code end}: last byte offset, <b>inclusive</b>, default "to the end of the file";</li>
 *   <li>{@code highWaterMark}: the readable buffer's mark and the size of each DATA chunk,
 *       default 64 KiB.</li>
 * </ul>
 * Negative values throw {@code ERR_OUT_OF_RANGE} at once; {@code start > end} throws it when the
 * stream is created, as in Node.
 */
public final class ReadOptions {

  /** {@code end} when none was given: read to the end of the file (Node's {@code Infinity}). */
  public static final long TO_EOF = Long.MAX_VALUE;

  private static final ReadOptions DEFAULTS = new ReadOptions(0, TO_EOF, QueuingStrategy.DEFAULT_BYTES);

  private final long start;
  private final long end;
  private final long highWaterMark;

  private ReadOptions(long start, long end, long highWaterMark) {
    this.start = start;
    this.end = end;
    this.highWaterMark = highWaterMark;
  }

  /** Start 0, to the end of the file, 64 KiB chunks. */
  public static ReadOptions defaults() {
    return DEFAULTS;
  }

  /** The first byte to read (≥ 0). */
  public ReadOptions start(long offset) {
    if (offset < 0) {
      throw StreamException.outOfRange("start", ">= 0", offset);
    }
    return new ReadOptions(offset, end, highWaterMark);
  }

  /** The last byte to read, inclusive (≥ 0). */
  public ReadOptions end(long offset) {
    if (offset < 0) {
      throw StreamException.outOfRange("end", ">= 0", offset);
    }
    return new ReadOptions(start, offset, highWaterMark);
  }

  /** The buffer mark and DATA chunk size in bytes (≥ 1). */
  public ReadOptions highWaterMark(long bytes) {
    if (bytes < 1 || bytes > Integer.MAX_VALUE) {
      throw StreamException.outOfRange("highWaterMark", ">= 1 and <= 2^31-1", bytes);
    }
    return new ReadOptions(start, end, bytes);
  }

  public long start() {
    return start;
  }

  public long end() {
    return end;
  }

  public long highWaterMark() {
    return highWaterMark;
  }

  @Override
  public String toString() {
    return "ReadOptions[start=" + start + ", end=" + (end == TO_EOF ? "EOF" : end)
        + ", highWaterMark=" + highWaterMark + "]";
  }
}
