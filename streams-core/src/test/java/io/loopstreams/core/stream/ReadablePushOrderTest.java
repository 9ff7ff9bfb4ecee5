package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static io.loopstreams.core.stream.ByteChunks.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-push-order.js}: chunks pushed in pairs
 * from {@code doRead} stay in push order in the buffer.
 */
class ReadablePushOrderTest {

  @Test
  void pairsPushedFromReadStayInPushOrder() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      List<String> list = new ArrayList<>(List.of("1", "2", "3", "4", "5", "6"));
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes().highWaterMark(20)) {
        @Override
        protected void doRead(long size) {
          ev.add("_read");
          if (list.isEmpty()) {
            push(null);
          } else {
            String one = list.remove(0);
            String two = list.remove(0);
            push(buf(one));
            push(buf(two));
          }
        }
      };
      ev.add("read0:" + r.read(0));
      loop.setImmediate(() -> {
        ev.add("len:" + r.readableLength());
        ev.add("read:" + str(r.read()));
      });
    });
    assertEquals(List.of("_read", "read0:null", "_read", "_read", "_read", "len:6", "read:123456"), ev);
  }
}
