package io.loopstreams.cli;

import io.loopstreams.core.Callback;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/** The sender's side of {@link Wire}: the header, each chunk as a frame, the end and the sum. */
final class Framer extends Transform<ByteBuffer, ByteBuffer> {

  private final Supplier<Digest.Sum> sum;
  private ByteBuffer header;

  Framer(Wire.Header header, Supplier<Digest.Sum> sum) {
    super(StreamOptions.bytes().name("framer"));
    this.header = header.encode();
    this.sum = sum;
  }

  private void pushHeader() {
    if (header != null) {
      push(header);
      header = null;
    }
  }

  @Override
  protected void doTransform(ByteBuffer chunk, Callback callback) {
    pushHeader();
    if (chunk.hasRemaining()) {
      push(ByteBuffer.allocate(4).putInt(0, chunk.remaining()));
      push(chunk);
    }
    callback.done();
  }

  @Override
  protected void doFlush(Callback callback) {
    pushHeader();
    Digest.Sum s = sum.get();
    ByteBuffer end = ByteBuffer.allocate(4 + 8 + 32);
    end.putInt(0).putLong(s.length()).put(s.sha256()).flip();
    push(end);
    callback.done();
  }
}
