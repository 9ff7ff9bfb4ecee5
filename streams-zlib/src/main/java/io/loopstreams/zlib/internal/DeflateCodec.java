package io.loopstreams.zlib.internal;

import io.loopstreams.zlib.ZlibOptions;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * deflate, deflateRaw and gzip over one {@link Deflater}: zlib framing comes from zlib itself,
 * raw has none, gzip gets our RFC 1952 header before the first output and CRC32 + ISIZE after
 * the last. Pool threads only (see {@link Codec}).
 */
public final class DeflateCodec implements Codec {

  /** The three framings of the deflate family. */
  public enum Format { ZLIB, RAW, GZIP }

  private static final byte[] NO_INPUT = new byte[0];

  private final Format format;
  private final Deflater deflater;
  private final CRC32 crc = new CRC32();
  private final byte[] gzipHeader;
  private boolean started;
  private int pendingLevel = -2;
  private int pendingStrategy;

  public DeflateCodec(Format format, ZlibOptions o) {
    this.format = format;
    this.deflater = new Deflater(o.level(), format != Format.ZLIB);
    deflater.setStrategy(javaStrategy(o.strategy()));
    if (o.dictionary() != null && format != Format.GZIP) {
      deflater.setDictionary(o.dictionary());
    }
    this.gzipHeader = format == Format.GZIP
        ? GzipFormat.header(o.gzipHeader(), o.effectiveLevel(), o.strategy()) : null;
  }

  /** zlib's RLE (3) and FIXED (4) have no Java equivalent: they compress as the default. */
  static int javaStrategy(int strategy) {
    return switch (strategy) {
      case 1 -> Deflater.FILTERED;
      case 2 -> Deflater.HUFFMAN_ONLY;
      default -> Deflater.DEFAULT_STRATEGY;
    };
  }

  @Override
  public void params(int level, int strategy) {
    pendingLevel = level;
    pendingStrategy = strategy;
  }

  @Override
  public void process(ByteBuffer in, int flush, Output out) {
    if (!started) {
      started = true;
      if (gzipHeader != null) {
        out.write(gzipHeader, 0, gzipHeader.length);
      }
    }
    if (pendingLevel != -2) {
      // zlib's deflateParams compresses the input it sees with the old level: apply the new
      // parameters on an empty input, so they govern everything written afterwards.
      deflater.setLevel(pendingLevel);
      deflater.setStrategy(javaStrategy(pendingStrategy));
      deflater.setInput(NO_INPUT);
      deflateInto(out, Deflater.NO_FLUSH);
      pendingLevel = -2;
    }
    if (format == Format.GZIP && in.hasRemaining()) {
      crc.update(in.duplicate());
    }
    deflater.setInput(in);
    if (flush == FINISH) {
      deflater.finish();
      while (!deflater.finished()) {
        deflateInto(out, Deflater.NO_FLUSH);
      }
      if (format == Format.GZIP) {
        byte[] t = GzipFormat.trailer((int) crc.getValue(), deflater.getBytesRead());
        out.write(t, 0, t.length);
      }
      return;
    }
    while (!deflater.needsInput()) {
      deflateInto(out, Deflater.NO_FLUSH);
    }
    if (flush != NO_FLUSH) {
      // Java's deflate(SYNC/FULL_FLUSH) is done when it leaves room in the output buffer.
      int mode = flush == FULL_FLUSH ? Deflater.FULL_FLUSH : Deflater.SYNC_FLUSH;
      while (deflateInto(out, mode) == 0) {
        // the buffer filled up: more flushed output follows
      }
    }
  }

  /** One deflate call into the output; returns the space that was left (0: call again). */
  private int deflateInto(Output out, int mode) {
    byte[] a = out.array();
    int space = out.space();
    int n = deflater.deflate(a, out.pos(), space, mode);
    out.advance(n);
    return space - n;
  }

  @Override
  public long bytesIn() {
    return deflater.getBytesRead();
  }

  @Override
  public void end() {
    deflater.end();
  }
}
