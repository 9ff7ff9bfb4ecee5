package io.loopstreams.zlib.internal;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.zlib.ZlibException;
import io.loopstreams.zlib.ZstdOptions;
import java.nio.ByteBuffer;

/**
 * zstd compression over zstd-jni's streaming context, on heap buffers (its {@code
 * compressByteBufferStream}; the direct variant rejects heap buffers with a misleading message).
 * The context, and so the native library, is created by the first task, on the pool.
 */
public final class ZstdEncodeCodec implements Codec {
  private final ZstdOptions options;
  private ZstdCompressCtx ctx;
  private long bytesIn;

  public ZstdEncodeCodec(ZstdOptions options) {
    this.options = options;
  }

  @Override
  public void process(ByteBuffer in, int flush, Output out) {
    if (ctx == null) {
      ctx = new ZstdCompressCtx().setLevel(options.level()).setChecksum(options.checksum());
    }
    int start = in.position();
    try {
      while (in.hasRemaining()) {
        step(in, EndDirective.CONTINUE, out);
      }
      if (flush != NO_FLUSH) {
        EndDirective d = flush == FINISH ? EndDirective.END : EndDirective.FLUSH;
        while (!step(in, d, out)) {
          // more of the flushed frame remains inside the context
        }
      }
    } catch (RuntimeException e) {
      throw new ZlibException(ErrorCode.Z_DATA_ERROR, String.valueOf(e.getMessage()), bytesIn, e);
    } finally {
      bytesIn += in.position() - start;
    }
  }

  private boolean step(ByteBuffer in, EndDirective d, Output out) {
    byte[] a = out.array();
    int pos = out.pos();
    ByteBuffer dst = ByteBuffer.wrap(a, pos, out.space());
    boolean done = ctx.compressByteBufferStream(dst, in, d);
    out.advance(dst.position() - pos);
    return done;
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
