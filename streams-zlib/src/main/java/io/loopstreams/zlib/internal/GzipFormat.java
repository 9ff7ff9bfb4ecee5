package io.loopstreams.zlib.internal;

import io.loopstreams.zlib.GzipHeader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** RFC 1952 framing shared by the gzip writers: header bytes, trailer bytes, flag bits. */
public final class GzipFormat {
  static final int ID1 = 0x1f;
  static final int ID2 = 0x8b;
  static final int CM_DEFLATE = 8;
  static final int FTEXT = 1;
  static final int FHCRC = 2;
  static final int FEXTRA = 4;
  static final int FNAME = 8;
  static final int FCOMMENT = 16;
  static final int RESERVED = 0xe0;

  private GzipFormat() {
  }

  /** The header zlib would write for these fields, level and strategy (XFL as zlib sets it). */
  public static byte[] header(GzipHeader h, int level, int strategy) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(10);
    int flags = (h.text() ? FTEXT : 0) | (h.extra() != null ? FEXTRA : 0)
        | (h.name() != null ? FNAME : 0) | (h.comment() != null ? FCOMMENT : 0);
    b.write(ID1);
    b.write(ID2);
    b.write(CM_DEFLATE);
    b.write(flags);
    putLe32(b, h.mtime());
    b.write(level == 9 ? 2 : strategy >= 2 || level < 2 ? 4 : 0);
    b.write(h.os());
    if (h.extra() != null) {
      b.write(h.extra().length & 0xff);
      b.write(h.extra().length >>> 8);
      b.writeBytes(h.extra());
    }
    if (h.name() != null) {
      b.writeBytes(h.name().getBytes(StandardCharsets.ISO_8859_1));
      b.write(0);
    }
    if (h.comment() != null) {
      b.writeBytes(h.comment().getBytes(StandardCharsets.ISO_8859_1));
      b.write(0);
    }
    return b.toByteArray();
  }

  /** CRC32 then ISIZE (the length modulo 2^32), both little-endian. */
  public static byte[] trailer(int crc, long length) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(8);
    putLe32(b, crc & 0xffffffffL);
    putLe32(b, length & 0xffffffffL);
    return b.toByteArray();
  }

  private static void putLe32(ByteArrayOutputStream b, long v) {
    b.write((int) v);
    b.write((int) (v >>> 8));
    b.write((int) (v >>> 16));
    b.write((int) (v >>> 24));
  }
}
