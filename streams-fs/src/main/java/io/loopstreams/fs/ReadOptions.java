package io.loopstreams.fs;

import io.loopstreams.core.AbortSignal;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.stream.QueuingStrategy;
import io.loopstreams.core.stream.StreamOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

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

  // Never changed after a wither returned the copy it made.
  private long start;
  private long end;
  private long highWaterMark;
  private String name;
  private AbortSignal signal;

  private ReadOptions(long start, long end, long highWaterMark) {
    this.start = start;
    this.end = end;
    this.highWaterMark = highWaterMark;
  }

  private ReadOptions with(Consumer<ReadOptions> change) {
    ReadOptions o = new ReadOptions(start, end, highWaterMark);
    o.name = name;
    o.signal = signal;
    change.accept(o);
    return o;
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
    return with(o -> o.start = offset);
  }

  /** The last byte to read, inclusive (≥ 0). */
  public ReadOptions end(long offset) {
    if (offset < 0) {
      throw StreamException.outOfRange("end", ">= 0", offset);
    }
    return with(o -> o.end = offset);
  }

  /** The buffer mark and DATA chunk size in bytes (≥ 1). */
  public ReadOptions highWaterMark(long bytes) {
    if (bytes < 1 || bytes > Integer.MAX_VALUE) {
      throw StreamException.outOfRange("highWaterMark", ">= 1 and <= 2^31-1", bytes);
    }
    return with(o -> o.highWaterMark = bytes);
  }

  /** The stream's name in errors, stats and watchdog reports (default: FileReadStream(path)). */
  public ReadOptions name(String streamName) {
    Objects.requireNonNull(streamName, "name");
    return with(o -> o.name = streamName);
  }

  /** A signal whose abort destroys the stream with an {@code AbortException} (Node's signal). */
  public ReadOptions signal(AbortSignal abortSignal) {
    Objects.requireNonNull(abortSignal, "signal");
    return with(o -> o.signal = abortSignal);
  }

  /** The common stream options these carry: mark, name and signal. */
  StreamOptions streamOptions(Path path) {
    return Fs.streamOptions(highWaterMark, name != null ? name : "FileReadStream(" + path + ")", signal);
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
