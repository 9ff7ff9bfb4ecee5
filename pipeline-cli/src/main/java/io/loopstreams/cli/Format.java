package io.loopstreams.cli;

import io.loopstreams.core.stream.Transform;
import io.loopstreams.zlib.BrotliOptions;
import io.loopstreams.zlib.Zlib;
import io.loopstreams.zlib.ZlibOptions;
import io.loopstreams.zlib.ZstdOptions;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The compressed formats the command reads and writes: their suffixes, how they are recognised
 * by content (the first bytes), and their transforms.
 */
enum Format {
  GZIP(".gz"),
  ZLIB(".zz"),
  ZSTD(".zst"),
  BROTLI(".br");

  final String suffix;

  Format(String suffix) {
    this.suffix = suffix;
  }

  /**
   * Recognises a format by its first bytes: gzip's 1f 8b, zstd's 28 b5 2f fd, a zlib header
   * (CMF 0x?8 with FCHECK making the pair a multiple of 31). Brotli has no magic number: {@code
   * hint} (from the file name) decides it. Null when nothing matches.
   */
  static Format detect(ByteBuffer head, Format hint) {
    int n = head.remaining();
    int p = head.position();
    int b0 = n > 0 ? head.get(p) & 0xff : -1;
    int b1 = n > 1 ? head.get(p + 1) & 0xff : -1;
    if (b0 == 0x1f && b1 == 0x8b) {
      return GZIP;
    }
    if (n >= 4 && b0 == 0x28 && b1 == 0xb5 && (head.get(p + 2) & 0xff) == 0x2f
        && (head.get(p + 3) & 0xff) == 0xfd) {
      return ZSTD;
    }
    if (n >= 2 && (b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && (b0 * 256 + b1) % 31 == 0) {
      return ZLIB;
    }
    return hint == BROTLI ? BROTLI : null;
  }

  /** The format a file name's suffix names, or null ({@code .tgz} counts as gzip). */
  static Format bySuffix(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tgz") || lower.endsWith(".gz") || lower.endsWith(".z")) {
      return GZIP;
    }
    for (Format f : values()) {
      if (lower.endsWith(f.suffix)) {
        return f;
      }
    }
    return null;
  }

  /** The name without the compressed suffix ({@code a.tgz} → {@code a.tar}), or null. */
  static String strip(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tgz")) {
      return name.substring(0, name.length() - 4) + ".tar";
    }
    for (String s : new String[] {".gz", ".z", ".zz", ".zst", ".br"}) {
      if (lower.endsWith(s) && lower.length() > s.length()) {
        return name.substring(0, name.length() - s.length());
      }
    }
    return null;
  }

  /** A compressor at {@code level} (1..9; -1 for the format's default). */
  Transform<ByteBuffer, ByteBuffer> compressor(int level, ZlibOptions gzipOptions) {
    return switch (this) {
      case GZIP -> Zlib.gzip(gzipOptions);
      case ZLIB -> Zlib.deflate(gzipOptions);
      case ZSTD -> Zlib.zstdCompress((level < 0 ? ZstdOptions.defaults() : ZstdOptions.defaults().level(level)).checksum(true));
      case BROTLI -> Zlib.brotliCompress(level < 0 ? BrotliOptions.defaults() : BrotliOptions.defaults().quality(level));
    };
  }

  /** A decompressor (gzip's decodes concatenated members, like {@code gzip -d}). */
  Transform<ByteBuffer, ByteBuffer> decompressor() {
    return switch (this) {
      case GZIP -> Zlib.gunzip();
      case ZLIB -> Zlib.inflate();
      case ZSTD -> Zlib.zstdDecompress();
      case BROTLI -> Zlib.brotliDecompress();
    };
  }
}
