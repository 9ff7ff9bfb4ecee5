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
 *   <li>{@code progress}: called on the loop after each transferred block with the bytes
 *       copied so far and the source's size.</li>
 * </ul>
 */
public final class CopyOptions {

  /** Progress of a copy, called on the loop thread. */
  @FunctionalInterface
  public interface Progress {
    void onProgress(long copied, long total);
  }

  private static final CopyOptions DEFAULTS = new CopyOptions(null, true, false);

  private final Progress progress;
  private final boolean overwrite;
  private final boolean atomic;

  private CopyOptions(Progress progress, boolean overwrite, boolean atomic) {
    this.progress = progress;
    this.overwrite = overwrite;
    this.atomic = atomic;
  }

  /** Overwrite, not atomic, no progress. */
  public static CopyOptions defaults() {
    return DEFAULTS;
  }

  public CopyOptions progress(Progress callback) {
    return new CopyOptions(callback, overwrite, atomic);
  }

  public CopyOptions overwrite(boolean on) {
    return new CopyOptions(progress, on, atomic);
  }

  public CopyOptions atomic(boolean on) {
    return new CopyOptions(progress, overwrite, on);
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
