package io.loopstreams.zlib.internal;

import io.loopstreams.zlib.GzipHeader;
import io.loopstreams.zlib.ZlibException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Reads one gzip member header (RFC 1952) byte by byte, across any input boundaries, with zlib's
 * messages for what it rejects. Header bytes are few, so the byte loop costs nothing that shows.
 *
 * <pre>
 *   FIXED (10 bytes) → [XLEN (2) → EXTRA (XLEN)] → [NAME ..0] → [COMMENT ..0] → [HCRC (2)] → done
 * </pre>
 */
public final class GzipHeaderParser {
  /** Longest header accepted (names and comments included), so memory stays bounded. */
  static final int MAX_HEADER = 1 << 20;

  private enum Stage { FIXED, XLEN, EXTRA, NAME, COMMENT, HCRC }

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);
  private Stage stage = Stage.FIXED;
  private int flags;
  private int need;
  private int extraStart;
  private int nameStart = -1;
  private int commentStart = -1;
  private int nameEnd;
  private int commentEnd;

  /** True once any byte of this header was read. */
  boolean started() {
    return bytes.size() > 0;
  }

  /**
   * Consumes header bytes from {@code in}; returns the header once complete (and resets for the
   * next member), or null when {@code in} ran out first. {@code offset} is where {@code in}'s
   * position lies in the whole input, for errors.
   */
  public GzipHeader feed(ByteBuffer in, long offset) {
    long at = offset - bytes.size();
    while (in.hasRemaining()) {
      int b = in.get() & 0xff;
      bytes.write(b);
      int n = bytes.size();
      if (n > MAX_HEADER) {
        throw ZlibException.dataError("gzip header longer than " + MAX_HEADER + " bytes", at + n);
      }
      if (advance(b, n, at)) {
        GzipHeader h = build();
        reset();
        return h;
      }
    }
    return null;
  }

  /** Moves the stage machine after byte {@code b} (the {@code n}th); true when the header is done. */
  private boolean advance(int b, int n, long at) {
    switch (stage) {
      case FIXED -> {
        if (n == 2 && (bytes.toByteArray()[0] & 0xff) != GzipFormat.ID1 || n == 2 && b != GzipFormat.ID2) {
          throw ZlibException.dataError("incorrect header check", at);
        }
        if (n == 3 && b != GzipFormat.CM_DEFLATE) {
          throw ZlibException.dataError("unknown compression method", at + 2);
        }
        if (n == 4) {
          flags = b;
          if ((flags & GzipFormat.RESERVED) != 0) {
            throw ZlibException.dataError("unknown header flags set", at + 3);
          }
        }
        return n == 10 && next(n);
      }
      case XLEN -> {
        if (--need == 0) {
          byte[] a = bytes.toByteArray();
          need = (a[n - 2] & 0xff) | (a[n - 1] & 0xff) << 8;
          extraStart = n;
          stage = Stage.EXTRA;
          return need == 0 && next(n);
        }
        return false;
      }
      case EXTRA -> {
        return --need == 0 && next(n);
      }
      case NAME -> {
        nameEnd = n - 1;
        return b == 0 && next(n);
      }
      case COMMENT -> {
        commentEnd = n - 1;
        return b == 0 && next(n);
      }
      case HCRC -> {
        if (--need > 0) {
          return false;
        }
        byte[] a = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(a, 0, n - 2);
        int stored = (a[n - 2] & 0xff) | (a[n - 1] & 0xff) << 8;
        if (stored != ((int) crc.getValue() & 0xffff)) {
          throw ZlibException.dataError("header crc mismatch", at + n - 2);
        }
        return true;
      }
      default -> throw new IllegalStateException(stage.toString());
    }
  }

  /** Enters the next optional field after the one that just ended; true when none is left. */
  private boolean next(int n) {
    Stage[] order = Stage.values();
    for (int i = stage.ordinal() + 1; i < order.length; i++) {
      Stage s = order[i];
      boolean present = switch (s) {
        case XLEN, EXTRA -> s == Stage.XLEN && (flags & GzipFormat.FEXTRA) != 0;
        case NAME -> (flags & GzipFormat.FNAME) != 0;
        case COMMENT -> (flags & GzipFormat.FCOMMENT) != 0;
        case HCRC -> (flags & GzipFormat.FHCRC) != 0;
        default -> false;
      };
      if (present) {
        stage = s;
        need = 2;
        if (s == Stage.NAME) {
          nameStart = n;
        } else if (s == Stage.COMMENT) {
          commentStart = n;
        }
        return false;
      }
    }
    return true;
  }

  private GzipHeader build() {
    byte[] a = bytes.toByteArray();
    long mtime = (a[4] & 0xffL) | (a[5] & 0xffL) << 8 | (a[6] & 0xffL) << 16 | (a[7] & 0xffL) << 24;
    byte[] extra = (flags & GzipFormat.FEXTRA) != 0 ? Arrays.copyOfRange(a, extraStart, extraStart + xlen(a)) : null;
    String name = nameStart < 0 ? null : new String(a, nameStart, nameEnd - nameStart, StandardCharsets.ISO_8859_1);
    String comment = commentStart < 0 ? null
        : new String(a, commentStart, commentEnd - commentStart, StandardCharsets.ISO_8859_1);
    return new GzipHeader(name, comment, mtime, a[9] & 0xff, extra, (flags & GzipFormat.FTEXT) != 0);
  }

  private int xlen(byte[] a) {
    return (a[10] & 0xff) | (a[11] & 0xff) << 8;
  }

  private void reset() {
    bytes.reset();
    stage = Stage.FIXED;
    flags = 0;
    nameStart = -1;
    commentStart = -1;
  }
}
