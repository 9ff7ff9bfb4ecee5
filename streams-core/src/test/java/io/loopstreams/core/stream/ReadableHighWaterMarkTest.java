package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static io.loopstreams.core.stream.ByteChunks.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the mark cases of Node's {@code test/parallel/test-stream2-basic.js}, {@code
 * test-stream-readable-hwm-0.js}'s non-zero counterpart and {@code
 * test-stream-readable-with-unimplemented-_read.js}: {@code push} returns false exactly when the
 * buffer reaches the mark (equal counts as full), an empty push reports the current state, a
 * read that drops below the mark calls {@code doRead}, and a missing {@code doRead} fails with
 * {@code ERR_METHOD_NOT_IMPLEMENTED}.
 */
class ReadableHighWaterMarkTest {

  @Test
  void inObjectModePushReturnsFalseExactlyWhenTheCountReachesTheMark() {
    List<Object> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> r = new Readable<>(StreamOptions.objects().highWaterMark(3)) {
        @Override
        protected void doRead(long size) {
        }
      };
      ev.add(r.push(1));
      ev.add(r.push(2));
      ev.add(r.push(3));
      ev.add(r.push(4));
      ev.add(r.readableLength());
      ev.add(r.read());
      ev.add(r.readableLength());
      ev.add(r.push(5));
    });
    assertEquals(List.of(true, true, false, false, 4L, 1, 3L, false), ev);
  }

  @Test
  void inByteModePushReturnsFalseExactlyWhenTheBytesReachTheMark() {
    List<Object> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes().highWaterMark(4)) {
        @Override
        protected void doRead(long size) {
        }
      };
      ev.add(r.push(buf("ab")));
      ev.add(r.push(buf("c")));
      ev.add(r.push(buf("d")));
      ev.add(r.readableLength());
      ev.add(r.push(buf("e")));
      ev.add(str(r.read(2)));
      ev.add(r.readableLength());
      ev.add(r.push(ByteBuffer.allocate(0)));
      ev.add(r.readableLength());
    });
    assertEquals(List.of(true, true, false, 4L, false, "ab", 3L, true, 3L), ev);
  }

  @Test
  void aFullBufferCallsDoReadOnlyWhenAReadDropsItBelowTheMark() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes().highWaterMark(4)) {
        @Override
        protected void doRead(long size) {
          ev.add("_read");
        }
      };
      ev.add("push " + r.push(buf("abcd")));
      loop.setImmediate(() -> {
        ev.add("imm");
        ev.add(str(r.read(1)));
        loop.setImmediate(() -> ev.add("imm2 len " + r.readableLength()));
      });
    });
    assertEquals(List.of("push false", "imm", "_read", "a", "imm2 len 3"), ev);
  }

  @Test
  void aReadableWithoutDoReadFailsWithMethodNotImplemented() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
      };
      r.on(Stream.ERROR, e -> ev.add("error " + ((StreamException) e).codeName() + " " + e.getMessage()));
      r.on(Stream.CLOSE, () -> ev.add("close"));
      r.read();
      ev.add("sync");
    });
    assertEquals(List.of("sync", "error ERR_METHOD_NOT_IMPLEMENTED The _read() method is not implemented", "close"), ev);
  }
}
