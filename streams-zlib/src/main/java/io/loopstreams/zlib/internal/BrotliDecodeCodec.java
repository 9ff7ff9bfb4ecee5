package io.loopstreams.zlib.internal;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.zlib.ZlibException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Brotli decompression over brotli4j's streaming decoder. Node's messages: a truncated stream is
 * {@code Z_BUF_ERROR} "unexpected end of file"; corrupt input is "Decompression failed" (Node's
 * code there is brotli's own, e.g. {@code ERR__ERROR_FORMAT_CL_SPACE}; ours is
 * {@code Z_DATA_ERROR}). Bytes after the end of the stream are ignored.
 */
public final class BrotliDecodeCodec implements Codec {
  private static final int INPUT_BUFFER = 64 * 1024;

  private DecoderJNI.Wrapper decoder;
  private long bytesIn;

  @Override
  public void process(ByteBuffer in, int flush, Output out) {
    if (decoder == null) {
      decoder = create();
    }
    while (true) {
      switch (decoder.getStatus()) {
        case DONE -> {
          drain(out);
          bytesIn += in.remaining();
          in.position(in.limit());
          return;
        }
        case OK -> decoder.push(0);
        case NEEDS_MORE_OUTPUT -> out.write(decoder.pull());
        case NEEDS_MORE_INPUT -> {
          drain(out);
          if (!in.hasRemaining()) {
            if (flush == FINISH) {
              throw ZlibException.unexpectedEnd(bytesIn);
            }
            return;
          }
          ByteBuffer ib = decoder.getInputBuffer();
          ib.clear();
          int n = Math.min(ib.capacity(), in.remaining());
          ib.put(in.slice(in.position(), n));
          in.position(in.position() + n);
          bytesIn += n;
          decoder.push(n);
        }
        default -> throw new ZlibException(ErrorCode.Z_DATA_ERROR, "Decompression failed", bytesIn);
      }
    }
  }

  private void drain(Output out) {
    while (decoder.hasOutput()) {
      out.write(decoder.pull());
    }
  }

  private static DecoderJNI.Wrapper create() {
    try {
      Brotli4jLoader.ensureAvailability();
      return new DecoderJNI.Wrapper(INPUT_BUFFER);
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      throw new ZlibException(ErrorCode.Z_MEM_ERROR, "Initialization failed", 0, e);
    }
  }

  @Override
  public long bytesIn() {
    return bytesIn;
  }

  @Override
  public void end() {
    if (decoder != null) {
      decoder.destroy();
    }
  }
}
