package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-readable-flow-recursion.js}: {@code
 * read(n)} with n above the mark raises the mark to the next power of two and reads in one go.
 */
class ReadableFlowRecursionTest {

  @Test
  void aHugeReadRaisesTheMarkAndReadsWithoutRecursing() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      long[] total = {5000};
      Readable<ByteBuffer> stream = new Readable<>(StreamOptions.bytes().highWaterMark(2)) {
        @Override
        protected void doRead(long size) {
          long n = Math.min(size, total[0]);
          total[0] -= n;
          ev.add("_read:" + n);
          push(n == 0 ? null : ByteBuffer.allocate((int) n));
        }
      };
      LongConsumer[] flow = new LongConsumer[1];
      flow[0] = size -> {
        ByteBuffer chunk = stream.read(size);
        if (chunk == null) {
          stream.once(Stream.READABLE, () -> flow[0].accept(size));
        } else {
          ev.add("chunk:" + chunk.remaining());
        }
      };
      flow[0].accept(5000);
      loop.onExit(() -> {
        ev.add("hwm:" + stream.readableHighWaterMark());
        ev.add("len:" + stream.readableLength());
      });
    });
    assertEquals(List.of("_read:5000", "chunk:5000", "_read:0", "hwm:8192", "len:0"), ev);
  }
}
