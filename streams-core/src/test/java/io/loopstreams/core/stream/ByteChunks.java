package io.loopstreams.core.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Test helpers: byte chunks written as strings, the way Node's tests push strings. */
final class ByteChunks {

  private ByteChunks() {
  }

  /** The UTF-8 bytes of {@code s} as a fresh buffer. */
  static ByteBuffer buf(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The remaining bytes of {@code chunk} decoded as UTF-8, without consuming them; "null" for null. */
  static String str(Object chunk) {
    if (chunk == null) {
      return "null";
    }
    ByteBuffer b = ((ByteBuffer) chunk).duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
