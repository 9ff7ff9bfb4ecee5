package io.loopstreams.fs;

/**
 * Options of {@link Fs#copy(java.nio.file.Path, java.nio.file.Path, CopyOptions)}:
 * {@code CopyOptions.defaults().overwrite(false).atomic(true).progress((done, total) -> ...)}.
 *
 * <ul>
 *   <li>{@code overwrite}: replace an existing destination (default true); false fails with
 *       {@code EEXIST}, like Node's {@code COPYFILE_EXCL};</li>
 *   <li>{@code atomic}: copy into a temporary file next to the destination, fsync, and rename
 *       it over the destination at the end; on failure the temporary file is deleted;</li>
 *   <li>{@code preserveTimestamps}: the destination gets the source's access and
 *       modification times (default false: the time of the copy);</li>
 *   <li>{@code progress}: called on the loop after each transferred block with the bytes
 *       copied so far and the source's size (or the bytes so far, if more).</li>
 * </ul>
 * Metadata (docs/files.md): an existing destination keeps its mode, owner and group; a new one
 * gets the source's mode (Node's {@code copyFile}); a symbolic link is written through.
 */
public final class CopyOptions {

  /** Progress of a copy, called on the loop thread. */
  @FunctionalInterface
  public interface Progress {
    void onProgress(long copied, long total);
  }

  private static final CopyOptions DEFAULTS = new CopyOptions(null, true, false, false);

  private final Progress progress;
  private final boolean overwrite;
  private final boolean atomic;
  private final boolean preserveTimestamps;

  private CopyOptions(Progress progress, boolean overwrite, boolean atomic, boolean preserveTimestamps) {
    this.progress = progress;
    this.overwrite = overwrite;
    this.atomic = atomic;
    this.preserveTimestamps = preserveTimestamps;
  }

  /** Overwrite, not atomic, no progress. */
  public static CopyOptions defaults() {
    return DEFAULTS;
  }

  public CopyOptions progress(Progress callback) {
    return new CopyOptions(callback, overwrite, atomic, preserveTimestamps);
  }

  public CopyOptions overwrite(boolean on) {
    return new CopyOptions(progress, on, atomic, preserveTimestamps);
  }

  public CopyOptions atomic(boolean on) {
    return new CopyOptions(progress, overwrite, on, preserveTimestamps);
  }

  /** Give the destination the source's access and modification times ({@code cp -p}'s times). */
  public CopyOptions preserveTimestamps(boolean on) {
    return new CopyOptions(progress, overwrite, atomic, on);
  }

  public boolean preserveTimestamps() {
    return preserveTimestamps;
  }

  /** The progress callback, or null. */
  public Progress progress() {
    return progress;
  }

  public boolean overwrite() {
    return overwrite;
  }

  public boolean atomic() {
    return atomic;
  }
}
