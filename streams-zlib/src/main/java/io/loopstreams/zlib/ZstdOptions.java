package io.loopstreams.zlib;

/**
 * Options of {@link Zlib#zstdCompress} and {@link Zlib#zstdDecompress}, immutable: Node's
 * ({@code ZSTD_c_compressionLevel}, default 3; {@code ZSTD_c_checksumFlag}, default off) plus the
 * output chunk size.
 */
public final class ZstdOptions {
  private static final ZstdOptions DEFAULTS = new ZstdOptions(3, false, ZlibOptions.DEFAULT_CHUNK_SIZE);

  private final int level;
  private final boolean checksum;
  private final int chunkSize;

  private ZstdOptions(int level, boolean checksum, int chunkSize) {
    this.level = level;
    this.checksum = checksum;
    this.chunkSize = chunkSize;
  }

  public static ZstdOptions defaults() {
    return DEFAULTS;
  }

  /** Compression level, -131072..22 (negative levels are zstd's fast modes). */
  public ZstdOptions level(int value) {
    return new ZstdOptions(ZlibOptions.check("level", value, -131072, 22), checksum, chunkSize);
  }

  /** Whether each frame ends with a content checksum (zstd's {@code --check}). */
  public ZstdOptions checksum(boolean on) {
    return new ZstdOptions(level, on, chunkSize);
  }

  /** Size of each output buffer, at least 64 bytes. */
  public ZstdOptions chunkSize(int value) {
    return new ZstdOptions(level, checksum, ZlibOptions.check("chunkSize", value, 64, Integer.MAX_VALUE));
  }

  public int level() {
    return level;
  }

  public boolean checksum() {
    return checksum;
  }

  public int chunkSize() {
    return chunkSize;
  }
}
