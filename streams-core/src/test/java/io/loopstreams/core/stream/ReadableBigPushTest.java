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
 * Re-expresses Node's {@code test/parallel/test-stream-big-push.js} and {@code
 * test-stream2-read-sync-stack.js}: chunks far above the mark, a read that triggers a
 * synchronous push and returns both, and tens of thousands of synchronous pushes without
 * growing the stack.
 */
class ReadableBigPushTest {

  @Test
  void chunksAboveTheMarkAreReadWholeAndASynchronousRefillIsConcatenated() {
    List<String> ev = new ArrayList<>();
    String s = "asdfasdfasdfasdfasdf";
    EventLoop.run(loop -> {
      int[] reads = {0};
      Readable<ByteBuffer>[] ref = new Readable[1];
      ref[0] = new Readable<>(StreamOptions.bytes().highWaterMark(5)) {
        @Override
        protected void doRead(long size) {
          if (reads[0] == 0) {
            loop.setImmediate(() -> ref[0].push(buf(s)));
            reads[0]++;
          } else if (reads[0] == 1) {
            ev.add("push2 " + push(buf(s)));
            reads[0]++;
          } else {
            ev.add("eof");
            push(null);
          }
        }
      };
      Readable<ByteBuffer> r = ref[0];
      r.on(Stream.END, () -> ev.add("end reads " + reads[0]));
      ev.add("push1 " + r.push(buf(s)));
      ev.add("read " + str(r.read()));
      ev.add("read " + str(r.read()));
      r.once(Stream.READABLE, () -> {
        ev.add("readable read " + str(r.read()));
        ev.add("read " + str(r.read()));
      });
    });
    assertEquals(List.of("push1 false", "read " + s, "read null", "push2 false", "readable read " + s + s,
        "eof", "read null", "end reads 2"), ev);
  }

  @Test
  void twentyThousandSynchronousPushesDoNotOverflowTheStack() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] n = {0};
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
          push(n[0]++ < 20000 ? ByteBuffer.allocate(1) : null);
        }
      };
      long[] total = {0};
      r.onData(d -> total[0] += d.remaining());
      r.on(Stream.END, () -> ev.add("end total " + total[0]));
    });
    assertEquals(List.of("end total 20000"), ev);
  }
}
