package io.loopstreams.fs;

import io.loopstreams.core.AbortSignal;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.stream.StreamOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options of {@link Fs#createWriteStream(java.nio.file.Path, WriteOptions)}, Node's {@code
 * fs.createWriteStream} options as an immutable value:
 * {@code WriteOptions.defaults().flags(WriteOptions.Flag.APPEND).fsync(true)}.
 *
 * <ul>
 *   <li>{@code flags}: how the file is opened, default {@link Flag#WRITE};</li>
 *   <li>{@code start}: the offset of the first byte written, default 0 (ignored by APPEND);</li>
 *   <li>{@code atomic}: write to a temporary file next to the destination and rename it over
 *       the destination only when the stream finishes; on error or destroy the temporary file
 *       is deleted and an existing destination is untouched;</li>
 *   <li>{@code fsync}: force the data to the device before the file is closed (Node 21's
 *       {@code flush}); atomic writes always fsync before the rename;</li>
 *   <li>{@code preserveTimestamps}: a file whose access and modification times the written
 *       file gets when it finishes;</li>
 *   <li>{@code highWaterMark}: the writable buffer's mark, default {@value #DEFAULT_HIGH_WATER_MARK}
 *       bytes (1 MiB).</li>
 * </ul>
 *
 * <p>Difference from Node: the default mark is 1 MiB, not 64 KiB. Every request of a file
 * stream is a hand-off to the offload pool, and chunks written while one request is in flight
 * go out together in the next gathering write; with a 64 KiB mark a pipe of 64 KiB chunks
 * stops at every chunk and pays one pool round trip per 64 KiB (Node's own bottleneck). Pass
 * {@code highWaterMark(64 * 1024)} for Node's figure.
 */
public final class WriteOptions {

  /** Node's open flags for a write stream. */
  public enum Flag {
    /** {@code 'w'}: create or truncate. */
    WRITE,
    /** {@code 'a'}: create, write at the end. */
    APPEND,
    /** {@code 'wx'}: create, fail with {@code EEXIST} if the file exists. */
    CREATE_NEW,
    /** {@code 'r+'}: modify an existing file in place from {@code start}, no truncation. */
    MODIFY
  }

  /** The default writable mark: 1 MiB (see the class comment). */
  public static final int DEFAULT_HIGH_WATER_MARK = 1 << 20;

  private static final WriteOptions DEFAULTS =
      new WriteOptions(Flag.WRITE, 0, false, false, DEFAULT_HIGH_WATER_MARK, null);

  // Never changed after a wither returned the copy it made.
  private Flag flags;
  private long start;
  private boolean atomic;
  private boolean fsync;
  private long highWaterMark;
  private Path timesFrom;
  private String name;
  private AbortSignal signal;

  private WriteOptions(Flag flags, long start, boolean atomic, boolean fsync, long highWaterMark,
      Path timesFrom) {
    this.timesFrom = timesFrom;
    this.flags = flags;
    this.start = start;
    this.atomic = atomic;
    this.fsync = fsync;
    this.highWaterMark = highWaterMark;
  }

  private WriteOptions with(Consumer<WriteOptions> change) {
    WriteOptions o = new WriteOptions(flags, start, atomic, fsync, highWaterMark, timesFrom);
    o.name = name;
    o.signal = signal;
    change.accept(o);
    return o;
  }

  /** WRITE, start 0, not atomic, no fsync, 1 MiB mark. */
  public static WriteOptions defaults() {
    return DEFAULTS;
  }

  public WriteOptions flags(Flag flag) {
    Objects.requireNonNull(flag, "flags");
    return with(o -> o.flags = flag);
  }

  /** The file offset of the first byte written (≥ 0). */
  public WriteOptions start(long offset) {
    if (offset < 0) {
      throw StreamException.outOfRange("start", ">= 0", offset);
    }
    return with(o -> o.start = offset);
  }

  public WriteOptions atomic(boolean on) {
    return with(o -> o.atomic = on);
  }

  public WriteOptions fsync(boolean on) {
    return with(o -> o.fsync = on);
  }

  /** The writable buffer's mark in bytes (≥ 1). */
  public WriteOptions highWaterMark(long bytes) {
    if (bytes < 1) {
      throw StreamException.outOfRange("highWaterMark", ">= 1", bytes);
    }
    return with(o -> o.highWaterMark = bytes);
  }

  /**
   * When the stream finishes, give the file {@code source}'s access and modification times
   * (read then), e.g. the input file of a compressor; null (the default) leaves the times of
   * the write.
   */
  public WriteOptions preserveTimestamps(Path source) {
    return with(o -> o.timesFrom = source);
  }

  /** The stream's name in errors, stats and watchdog reports (default: FileWriteStream(path)). */
  public WriteOptions name(String streamName) {
    Objects.requireNonNull(streamName, "name");
    return with(o -> o.name = streamName);
  }

  /** A signal whose abort destroys the stream with an {@code AbortException} (Node's signal). */
  public WriteOptions signal(AbortSignal abortSignal) {
    Objects.requireNonNull(abortSignal, "signal");
    return with(o -> o.signal = abortSignal);
  }

  /** The common stream options these carry: mark, name and signal. */
  StreamOptions streamOptions(Path path) {
    return Fs.streamOptions(highWaterMark, name != null ? name : "FileWriteStream(" + path + ")", signal);
  }

  /** The file whose times the written file gets, or null. */
  public Path preserveTimestamps() {
    return timesFrom;
  }

  public Flag flags() {
    return flags;
  }

  public long start() {
    return start;
  }

  public boolean atomic() {
    return atomic;
  }

  public boolean fsync() {
    return fsync;
  }

  public long highWaterMark() {
    return highWaterMark;
  }

  @Override
  public String toString() {
    return "WriteOptions[flags=" + flags + ", start=" + start + ", atomic=" + atomic
        + ", fsync=" + fsync + ", highWaterMark=" + highWaterMark
        + (timesFrom == null ? "" : ", preserveTimestamps=" + timesFrom) + "]";
  }
}
