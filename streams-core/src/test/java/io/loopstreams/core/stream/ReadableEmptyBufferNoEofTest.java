package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream2-readable-empty-buffer-no-eof.js} and
 * {@code test-stream-readable-resume-hwm.js}: an empty buffer pushed (now, on the next tick or
 * later) is not the end of the stream; resuming and pausing a stream already at its mark does
 * not call {@code doRead}.
 */
class ReadableEmptyBufferNoEofTest {

  private static ByteBuffer five() {
    byte[] b = new byte[5];
    Arrays.fill(b, (byte) 'x');
    return ByteBuffer.wrap(b);
  }

  @Test
  void emptyBuffersPushedInEveryWayDoNotEndTheStream() {
    List<String> results = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] reads = {5};
      Readable<ByteBuffer>[] ref = new Readable[1];
      ref[0] = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
          switch (reads[0]--) {
            case 5 -> loop.setImmediate(() -> push(five()));
            case 4 -> {
              loop.setImmediate(() -> push(ByteBuffer.allocate(0)));
              loop.setImmediate(() -> ref[0].read(0));
            }
            case 3 -> {
              loop.setImmediate(() -> ref[0].read(0));
              loop.nextTick(() -> push(ByteBuffer.allocate(0)));
            }
            case 2 -> {
              loop.setImmediate(() -> ref[0].read(0));
              push(ByteBuffer.allocate(0));
            }
            case 1 -> push(five());
            case 0 -> push(null);
            default -> throw new AssertionError("unreachable");
          }
        }
      };
      Readable<ByteBuffer> r = ref[0];
      Runnable flow = () -> {
        for (ByteBuffer chunk; (chunk = r.read()) != null; ) {
          results.add(str(chunk));
        }
      };
      r.on(Stream.READABLE, flow);
      r.on(Stream.END, () -> results.add("EOF"));
      flow.run();
    });
    assertEquals(List.of("xxxxx", "xxxxx", "EOF"), results);
  }

  @Test
  void resumeAndPauseAtTheMarkDoNotCallDoRead() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes().highWaterMark(100)) {
        @Override
        protected void doRead(long size) {
          ev.add("_read");
        }
      };
      r.push(ByteBuffer.allocate(100));
      r.push(ByteBuffer.allocate(100));
      ev.add("len " + r.readableLength());
      r.resume();
      r.pause();
      loop.setImmediate(() -> ev.add("imm len " + r.readableLength() + " paused " + r.isPaused()));
    });
    assertEquals(List.of("len 200", "imm len 200 paused true"), ev);
  }
}
