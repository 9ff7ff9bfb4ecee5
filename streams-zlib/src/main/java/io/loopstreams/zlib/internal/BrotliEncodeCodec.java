package io.loopstreams.zlib.internal;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.aayushatharva.brotli4j.encoder.EncoderJNI;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.zlib.BrotliOptions;
import io.loopstreams.zlib.ZlibException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Brotli compression over brotli4j's streaming encoder (push input, pull output). The native
 * library is loaded and the encoder created by the first task, on the pool: loading unpacks a
 * file. Flushes every {@link BrotliOptions#flushEvery()} input bytes (see there).
 */
public final class BrotliEncodeCodec implements Codec {
  private static final int INPUT_BUFFER = 64 * 1024;

  private final BrotliOptions options;
  private EncoderJNI.Wrapper encoder;
  private long bytesIn;
  private long sinceFlush;

  public BrotliEncodeCodec(BrotliOptions options) {
    this.options = options;
  }

  @Override
  public void process(ByteBuffer in, int flush, Output out) {
    if (encoder == null) {
      encoder = create(options);
    }
    while (in.hasRemaining()) {
      ByteBuffer ib = encoder.getInputBuffer();
      ib.clear();
      int n = Math.min(ib.capacity(), in.remaining());
      ib.put(in.slice(in.position(), n));
      in.position(in.position() + n);
      bytesIn += n;
      sinceFlush += n;
      boolean autoFlush = options.flushEvery() > 0 && sinceFlush >= options.flushEvery();
      run(autoFlush ? EncoderJNI.Operation.FLUSH : EncoderJNI.Operation.PROCESS, n, out);
      if (autoFlush) {
        sinceFlush = 0;
      }
    }
    if (flush == FINISH) {
      run(EncoderJNI.Operation.FINISH, 0, out);
    } else if (flush != NO_FLUSH) {
      run(EncoderJNI.Operation.FLUSH, 0, out);
      sinceFlush = 0;
    }
  }

  private static EncoderJNI.Wrapper create(BrotliOptions o) {
    try {
      Brotli4jLoader.ensureAvailability();
      Encoder.Mode mode = Encoder.Mode.values()[o.mode()];
      return new EncoderJNI.Wrapper(INPUT_BUFFER, o.quality(), o.lgwin(), mode);
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      throw new ZlibException(ErrorCode.Z_MEM_ERROR, "Initialization failed", 0, e);
    }
  }

  /** Pushes {@code n} input bytes with {@code op}, then pulls until the encoder is idle. */
  private void run(EncoderJNI.Operation op, int n, Output out) {
    encoder.push(op, n);
    while (true) {
      if (!encoder.isSuccess()) {
        throw new ZlibException(ErrorCode.Z_DATA_ERROR, "Compression failed", bytesIn);
      } else if (encoder.hasMoreOutput()) {
        out.write(encoder.pull());
      } else if (encoder.hasRemainingInput()) {
        encoder.push(op, 0);
      } else {
        return;
      }
    }
  }

  @Override
  public long bytesIn() {
    return bytesIn;
  }

  @Override
  public void end() {
    if (encoder != null) {
      encoder.destroy();
    }
  }
}
