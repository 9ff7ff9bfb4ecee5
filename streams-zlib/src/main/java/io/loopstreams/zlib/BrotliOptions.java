package io.loopstreams.zlib;

/**
 * Options of {@link Zlib#brotliCompress} and {@link Zlib#brotliDecompress}, immutable, with Node's
 * parameter names ({@code BROTLI_PARAM_QUALITY}, {@code BROTLI_PARAM_LGWIN},
 * {@code BROTLI_PARAM_MODE}) and defaults (quality 11, window 22, generic mode).
 *
 * <p>Differences from Node: the encoder flushes every {@link #flushEvery()} input bytes (1 MiB by
 * default) so output keeps coming at high qualities (a flush costs a few bytes); Node flushes
 * only when asked.
 */
public final class BrotliOptions {
  public static final int MODE_GENERIC = 0;
  public static final int MODE_TEXT = 1;
  public static final int MODE_FONT = 2;

  private static final BrotliOptions DEFAULTS = new BrotliOptions(11, 22, MODE_GENERIC,
      ZlibOptions.DEFAULT_CHUNK_SIZE, 1 << 20);

  private final int quality;
  private final int lgwin;
  private final int mode;
  private final int chunkSize;
  private final int flushEvery;

  private BrotliOptions(int quality, int lgwin, int mode, int chunkSize, int flushEvery) {
    this.quality = quality;
    this.lgwin = lgwin;
    this.mode = mode;
    this.chunkSize = chunkSize;
    this.flushEvery = flushEvery;
  }

  public static BrotliOptions defaults() {
    return DEFAULTS;
  }

  /** {@code BROTLI_PARAM_QUALITY}, 0..11. */
  public BrotliOptions quality(int value) {
    return new BrotliOptions(ZlibOptions.check("quality", value, 0, 11), lgwin, mode, chunkSize, flushEvery);
  }

  /** {@code BROTLI_PARAM_LGWIN}, 10..24. */
  public BrotliOptions lgwin(int value) {
    return new BrotliOptions(quality, ZlibOptions.check("lgwin", value, 10, 24), mode, chunkSize, flushEvery);
  }

  /** {@code BROTLI_PARAM_MODE}: {@link #MODE_GENERIC}, {@link #MODE_TEXT} or {@link #MODE_FONT}. */
  public BrotliOptions mode(int value) {
    return new BrotliOptions(quality, lgwin, ZlibOptions.check("mode", value, 0, 2), chunkSize, flushEvery);
  }

  /** Size of each output buffer, at least 64 bytes. */
  public BrotliOptions chunkSize(int value) {
    return new BrotliOptions(quality, lgwin, mode, ZlibOptions.check("chunkSize", value, 64, Integer.MAX_VALUE),
        flushEvery);
  }

  /** Input bytes between the encoder's automatic flushes; 0 turns them off. */
  public BrotliOptions flushEvery(int value) {
    return new BrotliOptions(quality, lgwin, mode, chunkSize,
        ZlibOptions.check("flushEvery", value, 0, Integer.MAX_VALUE));
  }

  public int quality() {
    return quality;
  }

  public int lgwin() {
    return lgwin;
  }

  public int mode() {
    return mode;
  }

  public int chunkSize() {
    return chunkSize;
  }

  public int flushEvery() {
    return flushEvery;
  }
}
