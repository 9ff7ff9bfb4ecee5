package io.loopstreams.zlib.internal;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.zlib.GzipHeader;
import io.loopstreams.zlib.ZlibException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * inflate, inflateRaw, gunzip and unzip over one {@link Inflater}. Gzip framing is ours: each
 * member's header is parsed, its body inflated raw, its CRC32 and ISIZE checked; members follow
 * one another as {@code gzip -d} and Node decode them. Pool threads only (see {@link Codec}).
 *
 * <h2>State</h2>
 * <pre>
 *   gzip:  HEADER → BODY → TRAILER → AFTER_MEMBER ─0x00→ PADDING (the rest is ignored)
 *                                                 └other→ HEADER (next member)
 *   zlib/raw: BODY → END (the rest is ignored, as Node does)
 *   unzip: DETECT ─1f 8b→ gzip's HEADER, else zlib's BODY
 * </pre>
 * End of input is fine only in AFTER_MEMBER, PADDING and END; elsewhere it is Node's {@code
 * Z_BUF_ERROR} "unexpected end of file". Zero padding longer than {@link #MAX_PADDING} is an
 * error, so a stream of zeros cannot run forever unnoticed.
 */
public final class InflateCodec implements Codec {

  /** The four decoders of the inflate family. */
  public enum Format { ZLIB, RAW, GZIP, AUTO }

  /** Zero bytes accepted after the last member (tape and disk block padding fits easily). */
  public static final long MAX_PADDING = 1 << 20;

  private enum State { DETECT, HEADER, BODY, TRAILER, AFTER_MEMBER, PADDING, END }

  private final byte[] dictionary;
  private final CRC32 crc = new CRC32();
  private final GzipHeaderParser header = new GzipHeaderParser();
  private final byte[] trailer = new byte[8];
  private Inflater inflater;
  private boolean gzip;
  private State state;
  private int trailerLen;
  private int firstByte = -1;
  private long memberOut;
  private long padding;
  /** Offset of position 0 of the current input buffer within the whole input. */
  private long base;
  private long consumed;

  public InflateCodec(Format format, byte[] dictionary) {
    this.dictionary = dictionary;
    switch (format) {
      case GZIP -> startGzip();
      case AUTO -> state = State.DETECT;
      default -> {
        inflater = new Inflater(format == Format.RAW);
        state = State.BODY;
      }
    }
  }

  private void startGzip() {
    gzip = true;
    inflater = new Inflater(true);
    state = State.HEADER;
  }

  @Override
  public void process(ByteBuffer in, int flush, Output out) {
    base = consumed - in.position();
    while (in.hasRemaining()) {
      switch (state) {
        case DETECT -> detect(in);
        case HEADER -> {
          GzipHeader h = header.feed(in, base + in.position());
          if (h != null) {
            out.event(h);
            inflater.reset();
            crc.reset();
            memberOut = 0;
            state = State.BODY;
          }
        }
        case BODY -> inflate(in, out);
        case TRAILER -> readTrailer(in);
        case AFTER_MEMBER -> state = in.get(in.position()) == 0 ? State.PADDING : State.HEADER;
        case PADDING, END -> skip(in);
        default -> throw new IllegalStateException(state.toString());
      }
    }
    consumed = base + in.position();
    if (flush == FINISH && state != State.AFTER_MEMBER && state != State.PADDING && state != State.END) {
      throw ZlibException.unexpectedEnd(consumed);
    }
  }

  /** unzip: gzip's magic selects gunzip, anything else zlib (the bytes go to the chosen path). */
  private void detect(ByteBuffer in) {
    if (firstByte < 0) {
      firstByte = in.get() & 0xff;
      return;
    }
    int second = in.get(in.position()) & 0xff;
    byte[] first = {(byte) firstByte};
    if (firstByte == GzipFormat.ID1 && second == GzipFormat.ID2) {
      startGzip();
      header.feed(ByteBuffer.wrap(first), base + in.position() - 1);
    } else {
      inflater = new Inflater(false);
      inflater.setInput(first);
      state = State.BODY;
    }
  }

  private void inflate(ByteBuffer in, Output out) {
    if (inflater.needsInput()) {
      inflater.setInput(in);
    }
    while (true) {
      byte[] a = out.array();
      int pos = out.pos();
      int space = out.space();
      int before = in.position();
      long at = base + before;
      int n;
      try {
        n = inflater.inflate(a, pos, space);
      } catch (DataFormatException e) {
        throw ZlibException.dataError(e.getMessage() == null ? "invalid data" : e.getMessage(), at);
      }
      if (n > 0) {
        if (gzip) {
          crc.update(a, pos, n);
        }
        memberOut += n;
        out.advance(n);
      }
      if (inflater.finished()) {
        state = gzip ? State.TRAILER : State.END;
        trailerLen = 0;
        return;
      }
      if (inflater.needsDictionary()) {
        setDictionary(at);
      } else if (n < space && inflater.needsInput()) {
        return;
      } else if (n == 0 && in.position() == before) {
        throw ZlibException.dataError("invalid data: the inflater made no progress", at);
      }
    }
  }

  private void setDictionary(long at) {
    if (dictionary == null) {
      throw new ZlibException(ErrorCode.Z_NEED_DICT, "Missing dictionary", at);
    }
    try {
      inflater.setDictionary(dictionary);
    } catch (IllegalArgumentException e) {
      throw new ZlibException(ErrorCode.Z_NEED_DICT, "Bad dictionary", at, e);
    }
  }

  private void readTrailer(ByteBuffer in) {
    int n = Math.min(8 - trailerLen, in.remaining());
    in.get(trailer, trailerLen, n);
    trailerLen += n;
    if (trailerLen < 8) {
      return;
    }
    long at = base + in.position() - 8;
    if (le32(0) != crc.getValue()) {
      throw ZlibException.dataError("incorrect data check", at);
    }
    if (le32(4) != (memberOut & 0xffffffffL)) {
      throw ZlibException.dataError("incorrect length check", at + 4);
    }
    state = State.AFTER_MEMBER;
  }

  private void skip(ByteBuffer in) {
    int n = in.remaining();
    if (state == State.PADDING) {
      padding += n;
      if (padding > MAX_PADDING) {
        throw ZlibException.dataError("trailing data after the last member exceeds "
            + MAX_PADDING + " bytes", base + in.position() + n - (padding - MAX_PADDING));
      }
    }
    in.position(in.limit());
  }

  private long le32(int i) {
    return (trailer[i] & 0xffL) | (trailer[i + 1] & 0xffL) << 8 | (trailer[i + 2] & 0xffL) << 16
        | (trailer[i + 3] & 0xffL) << 24;
  }

  @Override
  public long bytesIn() {
    return consumed;
  }

  @Override
  public void end() {
    if (inflater != null) {
      inflater.end();
    }
  }
}
