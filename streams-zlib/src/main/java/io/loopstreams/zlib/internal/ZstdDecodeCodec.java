package io.loopstreams.zlib.internal;

import com.github.luben.zstd.ZstdDecompressCtx;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.zlib.ZlibException;
import java.nio.ByteBuffer;

/**
 * zstd decompression over zstd-jni's streaming context: concatenated frames are decoded one
 * after another, as the {@code zstd} tool does. Input that ends inside a frame (or is empty) is
 * {@code Z_BUF_ERROR} "unexpected end of file"; corrupt input is {@code Z_DATA_ERROR} with zstd's
 * message.
 */
public final class ZstdDecodeCodec implements Codec {
  private ZstdDecompressCtx ctx;
  private long bytesIn;
  private boolean frameDone;
  private boolean any;

  @Override
  public void process(ByteBuffer in, int flush, Output out) {
    if (ctx == null) {
      ctx = new ZstdDecompressCtx();
    }
    any |= in.hasRemaining();
    try {
      while (true) {
        byte[] a = out.array();
        int pos = out.pos();
        int space = out.space();
        ByteBuffer dst = ByteBuffer.wrap(a, pos, space);
        int before = in.position();
        boolean done = ctx.decompressByteBufferStream(dst, in);
        bytesIn += in.position() - before;
        int n = dst.position() - pos;
        if (n > 0 || in.position() != before) {
          frameDone = done; // a call with nothing to do reports "not done": it says nothing new
        }
        out.advance(n);
        if (!in.hasRemaining() && n < space) {
          break;
        }
        if (n == 0 && in.position() == before) {
          throw new ZlibException(ErrorCode.Z_DATA_ERROR, "no progress", bytesIn);
        }
      }
    } catch (ZlibException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ZlibException(ErrorCode.Z_DATA_ERROR, String.valueOf(e.getMessage()), bytesIn, e);
    }
    if (flush == FINISH && (!any || !frameDone)) {
      throw ZlibException.unexpectedEnd(bytesIn);
    }
  }

  @Override
  public long bytesIn() {
    return bytesIn;
  }

  @Override
  public void end() {
    if (ctx != null) {
      ctx.close();
    }
  }
}
