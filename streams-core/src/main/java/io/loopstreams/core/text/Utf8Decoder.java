package io.loopstreams.core.text;

import java.nio.ByteBuffer;

/**
 * A streaming UTF-8 decoder with the WHATWG Encoding Standard's error handling, which is what
 * V8 and so Node's {@code StringDecoder} apply: every maximal ill-formed subsequence becomes one
 * U+FFFD, and a sequence cut at the end of the input becomes one U+FFFD at {@link #finish}.
 * The state carries a partial sequence from one chunk to the next, so a character split across
 * chunks decodes as if the chunks were one.
 *
 * <pre>
 *   needed == 0: expecting a lead byte
 *   needed  > 0: inside a sequence; {@code seen} continuation bytes of {@code needed} so far,
 *                the next one must lie in [lower, upper]
 * </pre>
 *
 * <p>Not thread-safe: one decoder per stream.
 */
final class Utf8Decoder {

  static final char REPLACEMENT = '\uFFFD';

  private int codePoint;
  private int needed;
  private int seen;
  private int lower = 0x80;
  private int upper = 0xBF;

  /** Whether a partial sequence is pending. */
  boolean hasPartial() {
    return needed != 0;
  }

  /**
   * Decodes the remaining bytes of {@code in} and appends the characters to {@code out}. Reads
   * with absolute indexes: the caller's position never moves (a chunk may be shared by several
   * consumers, as Node's Buffers are).
   */
  void decode(ByteBuffer in, StringBuilder out) {
    out.ensureCapacity(out.length() + in.remaining() + 1);
    int i = in.position();
    int end = in.limit();
    if (in.hasArray()) {
      byte[] a = in.array();
      int off = in.arrayOffset();
      // ASCII fast path while no sequence is pending.
      while (i < end) {
        if (needed == 0) {
          int start = i;
          while (i < end && a[off + i] >= 0) {
            i++;
          }
          if (i > start) {
            appendAscii(a, off + start, i - start, out);
            if (i == end) {
              break;
            }
          }
        }
        step(a[off + i] & 0xFF, out);
        i++;
      }
    } else {
      for (; i < end; i++) {
        step(in.get(i) & 0xFF, out);
      }
    }
  }

  private static void appendAscii(byte[] a, int from, int len, StringBuilder out) {
    for (int j = from, end = from + len; j < end; j++) {
      out.append((char) a[j]);
    }
  }

  /** Appends U+FFFD for a sequence cut by the end of the input, and resets. */
  void finish(StringBuilder out) {
    if (needed != 0) {
      reset();
      out.append(REPLACEMENT);
    }
  }

  private void reset() {
    codePoint = 0;
    needed = 0;
    seen = 0;
    lower = 0x80;
    upper = 0xBF;
  }

  /** The WHATWG UTF-8 decoder's handler for one byte. */
  private void step(int b, StringBuilder out) {
    if (needed == 0) {
      if (b <= 0x7F) {
        out.append((char) b);
      } else if (b >= 0xC2 && b <= 0xDF) {
        needed = 1;
        codePoint = b & 0x1F;
      } else if (b >= 0xE0 && b <= 0xEF) {
        if (b == 0xE0) {
          lower = 0xA0;
        } else if (b == 0xED) {
          upper = 0x9F;
        }
        needed = 2;
        codePoint = b & 0x0F;
      } else if (b >= 0xF0 && b <= 0xF4) {
        if (b == 0xF0) {
          lower = 0x90;
        } else if (b == 0xF4) {
          upper = 0x8F;
        }
        needed = 3;
        codePoint = b & 0x07;
      } else {
        out.append(REPLACEMENT);
      }
      return;
    }
    if (b < lower || b > upper) {
      // The pending sequence is ill-formed: one U+FFFD, then this byte starts afresh.
      reset();
      out.append(REPLACEMENT);
      step(b, out);
      return;
    }
    lower = 0x80;
    upper = 0xBF;
    codePoint = (codePoint << 6) | (b & 0x3F);
    if (++seen == needed) {
      out.appendCodePoint(codePoint);
      reset();
    }
  }
}
