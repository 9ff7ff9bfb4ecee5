package io.loopstreams.cli;

import io.loopstreams.core.Callback;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import java.nio.ByteBuffer;

/**
 * The receiver's side of {@link Wire} after the header: frames out as data (slices, no copy),
 * the trailer kept for {@link Digest}'s check. Input ending before the trailer fails.
 *
 * <pre>
 *   LENGTH ─n&gt;0→ BODY ─n bytes→ LENGTH ─n=0→ TRAILER ─44 bytes→ DONE (more input fails)
 * </pre>
 */
final class Deframer extends Transform<ByteBuffer, ByteBuffer> {

  private static final int MAX_FRAME = 64 << 20;
  private enum State { LENGTH, BODY, TRAILER, DONE }

  private final ByteBuffer small = ByteBuffer.allocate(8 + 32);
  private State state = State.LENGTH;
  private long bodyLeft;
  private Digest.Sum trailer;

  Deframer() {
    super(StreamOptions.bytes().name("deframer"));
    small.limit(4);
  }

  /** The sender's length and SHA-256, once read. */
  Digest.Sum trailer() {
    return trailer;
  }

  @Override
  protected void doTransform(ByteBuffer chunk, Callback callback) {
    ByteBuffer in = chunk.duplicate();
    while (in.hasRemaining()) {
      switch (state) {
        case LENGTH -> {
          if (fill(in)) {
            int n = small.flip().getInt();
            small.clear();
            if (n < 0 || n > MAX_FRAME) {
              callback.done(new CliFailure(null, "bad frame length " + n));
              return;
            }
            state = n == 0 ? State.TRAILER : State.BODY;
            bodyLeft = n;
            small.limit(n == 0 ? 40 : 4);
          }
        }
        case BODY -> {
          int take = (int) Math.min(in.remaining(), bodyLeft);
          push(in.slice(in.position(), take));
          in.position(in.position() + take);
          bodyLeft -= take;
          if (bodyLeft == 0) {
            state = State.LENGTH;
          }
        }
        case TRAILER -> {
          if (fill(in)) {
            small.flip();
            long length = small.getLong();
            byte[] sha = new byte[32];
            small.get(sha);
            trailer = new Digest.Sum(length, sha);
            state = State.DONE;
          }
        }
        case DONE -> {
          callback.done(new CliFailure(null, "data after the end of the transfer"));
          return;
        }
        default -> throw new IllegalStateException(state.name());
      }
    }
    callback.done();
  }

  /** Copies into {@code small} up to its limit; true when full. */
  private boolean fill(ByteBuffer in) {
    int take = Math.min(in.remaining(), small.remaining());
    small.put(small.position(), in, in.position(), take);
    small.position(small.position() + take);
    in.position(in.position() + take);
    return !small.hasRemaining();
  }

  @Override
  protected void doFlush(Callback callback) {
    callback.done(state == State.DONE ? null
        : new CliFailure(null, "connection closed before the end of the transfer"));
  }
}
