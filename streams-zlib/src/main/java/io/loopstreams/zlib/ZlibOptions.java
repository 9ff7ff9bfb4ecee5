package io.loopstreams.zlib;

import io.loopstreams.core.StreamException;

/**
 * Options of the zlib-family transforms, immutable: each wither returns a changed copy, so
 * {@code ZlibOptions.defaults().level(9).parallelism(4)} reads like Node's options object.
 * Ranges are checked as Node checks them ({@code ERR_OUT_OF_RANGE} naming {@code options.x}).
 *
 * <p>Differences from Node:
 * <ul>
 *   <li>{@code memLevel} and {@code windowBits} are checked but only zlib's defaults (8, 15) are
 *       used: {@code java.util.zip} offers no way to set them.</li>
 *   <li>{@code chunkSize} (the size of each output buffer) defaults to 64 KiB, not 16 KiB:
 *       fewer, larger chunks cost less per byte on the loop.</li>
 *   <li>Added: {@code parallelism} and {@code blockSize} select pigz-style parallel gzip;
 *       {@code name}, {@code comment} and {@code mtime} fill the gzip header, as gzip's
 *       {@code -N} does (Node always writes an empty header with mtime 0).</li>
 * </ul>
 */
public final class ZlibOptions {

  /** Node's {@code Z_DEFAULT_COMPRESSION}: zlib's level 6. */
  public static final int DEFAULT_COMPRESSION = -1;
  public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
  public static final int DEFAULT_BLOCK_SIZE = 128 * 1024;

  private static final ZlibOptions DEFAULTS = new ZlibOptions();

  private int level = DEFAULT_COMPRESSION;
  private int strategy;
  private int memLevel = 8;
  private int windowBits = 15;
  private int chunkSize = DEFAULT_CHUNK_SIZE;
  private byte[] dictionary;
  private int parallelism;
  private int blockSize = DEFAULT_BLOCK_SIZE;
  private String name;
  private String comment;
  private long mtime;

  private ZlibOptions() {
  }

  public static ZlibOptions defaults() {
    return DEFAULTS;
  }

  private ZlibOptions copy() {
    ZlibOptions o = new ZlibOptions();
    o.level = level;
    o.strategy = strategy;
    o.memLevel = memLevel;
    o.windowBits = windowBits;
    o.chunkSize = chunkSize;
    o.dictionary = dictionary;
    o.parallelism = parallelism;
    o.blockSize = blockSize;
    o.name = name;
    o.comment = comment;
    o.mtime = mtime;
    return o;
  }

  static int check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw StreamException.outOfRange("options." + name, ">= " + min + " and <= " + max, value);
    }
    return value;
  }

  /** Compression level, -1 (default, 6) or 0..9. */
  public ZlibOptions level(int value) {
    ZlibOptions o = copy();
    o.level = check("level", value, -1, 9);
    return o;
  }

  /** zlib's strategy: 0 default, 1 filtered, 2 Huffman only (3 RLE and 4 fixed act as 0). */
  public ZlibOptions strategy(int value) {
    ZlibOptions o = copy();
    o.strategy = check("strategy", value, 0, 4);
    return o;
  }

  /** Checked (1..9), not used: see the class doc. */
  public ZlibOptions memLevel(int value) {
    ZlibOptions o = copy();
    o.memLevel = check("memLevel", value, 1, 9);
    return o;
  }

  /** Checked (8..15, or 0 for inflate's "from the header"), not used: see the class doc. */
  public ZlibOptions windowBits(int value) {
    ZlibOptions o = copy();
    o.windowBits = value == 0 ? 0 : check("windowBits", value, 8, 15);
    return o;
  }

  /** Size of each output buffer, at least 64 bytes (Node's {@code Z_MIN_CHUNK}). */
  public ZlibOptions chunkSize(int value) {
    ZlibOptions o = copy();
    o.chunkSize = check("chunkSize", value, 64, Integer.MAX_VALUE);
    return o;
  }

  /** Preset dictionary for deflate/inflate (zlib and raw formats); the array is not copied. */
  public ZlibOptions dictionary(byte[] value) {
    ZlibOptions o = copy();
    o.dictionary = value;
    return o;
  }

  /**
   * Compress gzip in blocks on up to {@code n} pool threads (pigz's method). Any value ≥ 1
   * selects the block method, whose output is the same whatever {@code n}; 0 (the default) is a
   * single zlib stream, as gzip and Node write it.
   */
  public ZlibOptions parallelism(int value) {
    ZlibOptions o = copy();
    o.parallelism = check("parallelism", value, 0, 1024);
    return o;
  }

  /** Input bytes per parallel block, at least 32 KiB (the dictionary); default 128 KiB. */
  public ZlibOptions blockSize(int value) {
    ZlibOptions o = copy();
    o.blockSize = check("blockSize", value, 32 * 1024, 64 * 1024 * 1024);
    return o;
  }

  /** The gzip header's original file name (FNAME), or null for none. */
  public ZlibOptions name(String value) {
    ZlibOptions o = copy();
    o.name = value;
    return o;
  }

  /** The gzip header's comment (FCOMMENT), or null for none. */
  public ZlibOptions comment(String value) {
    ZlibOptions o = copy();
    o.comment = value;
    return o;
  }

  /** The gzip header's modification time in seconds since the epoch; 0 means none. */
  public ZlibOptions mtime(long seconds) {
    if (seconds < 0 || seconds > 0xffffffffL) {
      throw StreamException.outOfRange("options.mtime", ">= 0 and <= 4294967295", seconds);
    }
    ZlibOptions o = copy();
    o.mtime = seconds;
    return o;
  }

  public int level() {
    return level;
  }

  /** The level zlib uses: {@link #DEFAULT_COMPRESSION} is 6. */
  public int effectiveLevel() {
    return level == DEFAULT_COMPRESSION ? 6 : level;
  }

  public int strategy() {
    return strategy;
  }

  public int memLevel() {
    return memLevel;
  }

  public int windowBits() {
    return windowBits;
  }

  public int chunkSize() {
    return chunkSize;
  }

  public byte[] dictionary() {
    return dictionary;
  }

  public int parallelism() {
    return parallelism;
  }

  public int blockSize() {
    return blockSize;
  }

  public String name() {
    return name;
  }

  public String comment() {
    return comment;
  }

  public long mtime() {
    return mtime;
  }

  /** The header a gzip with these options writes. */
  public GzipHeader gzipHeader() {
    return new GzipHeader(name, comment, mtime, 3, null, false);
  }
}
