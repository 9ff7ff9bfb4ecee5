package io.loopstreams.zlib;

import io.loopstreams.zlib.internal.GzipHeaderParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header of one gzip member (RFC 1952): what a gunzip learned, and what a gzip writes.
 * Gunzip emits one per member as {@link ZlibTransform#HEADER}, so callers can list the original
 * name and time ({@code gzip -l}, {@code gzip -N}).
 *
 * @param name the original file name (FNAME, ISO-8859-1), or null
 * @param comment the comment (FCOMMENT, ISO-8859-1), or null
 * @param mtime modification time in seconds since the epoch; 0 when not recorded
 * @param os the operating system byte (3 = Unix)
 * @param extra the FEXTRA field, or null
 * @param text the FTEXT hint
 */
public record GzipHeader(String name, String comment, long mtime, int os, byte[] extra, boolean text) {

  /**
   * The header at the start of {@code bytes} (their position is not moved), or null when they
   * end before the header does; a {@link ZlibException} when they are not a gzip header. What
   * {@code gunzip -N} reads from a file's first block to name the output before decompressing.
   */
  public static GzipHeader read(ByteBuffer bytes) {
    return new GzipHeaderParser().feed(bytes.duplicate(), 0);
  }

  /** The name's bytes as gzip stores them (ISO-8859-1), or null. */
  public byte[] nameBytes() {
    return name == null ? null : name.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GzipHeader h && java.util.Objects.equals(name, h.name)
        && java.util.Objects.equals(comment, h.comment) && mtime == h.mtime && os == h.os
        && Arrays.equals(extra, h.extra) && text == h.text;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, comment, mtime, os, Arrays.hashCode(extra), text);
  }

  @Override
  public String toString() {
    return "GzipHeader[name=" + name + ", comment=" + comment + ", mtime=" + mtime + ", os=" + os
        + ", extra=" + (extra == null ? "none" : extra.length + " bytes") + ", text=" + text + "]";
  }
}
