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
 * Re-expresses Node's {@code test/parallel/test-stream-push-strings.js} and the {@code read(n)}
 * cases of {@code test-stream2-readable-from-list.js} with {@code ByteBuffer}s: {@code read(n)}
 * slices and concatenates buffered chunks, returns null while fewer than n bytes are buffered
 * before the end, and the remainder after it.
 */
class ReadableReadBytesTest {

  @Test
  void readNSlicesAndConcatenatesBufferedChunks() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes().highWaterMark(100)) {
        @Override
        protected void doRead(long size) {
        }
      };
      for (String c : List.of("abc", "defg", "hi")) {
        r.push(buf(c));
      }
      ev.add("len:" + r.readableLength());
      ev.add("read2:" + str(r.read(2)));
      ev.add("read3:" + str(r.read(3)));
      ev.add("read0:" + str(r.read(0)));
      ev.add("read10:" + str(r.read(10)));
      ev.add("len:" + r.readableLength());
      r.push(null);
      ev.add("read10:" + str(r.read(10)));
      ev.add("read:" + str(r.read()));
      r.on(Stream.END, () -> ev.add("end"));
    });
    assertEquals(List.of("len:9", "read2:ab", "read3:cde", "read0:null", "read10:null", "len:4",
        "read10:fghi", "read:null", "end"), ev);
  }

  @Test
  void chunksPushedSynchronouslyAndLaterAreReadInTwoGroups() {
    List<String> results = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] chunks = {3};
      Readable<ByteBuffer> ms = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
          switch (chunks[0]--) {
            case 0 -> push(null);
            case 1 -> loop.setTimeout(() -> push(buf("last chunk")), 1);
            case 2 -> push(buf("second to last chunk"));
            case 3 -> loop.nextTick(() -> push(buf("first chunk")));
            default -> throw new AssertionError();
          }
        }
      };
      ms.on(Stream.READABLE, () -> {
        for (ByteBuffer chunk; (chunk = ms.read()) != null; ) {
          results.add(str(chunk));
        }
      });
      ms.on(Stream.END, () -> results.add("end"));
    });
    assertEquals(List.of("first chunksecond to last chunk", "last chunk", "end"), results);
  }

  @Test
  void readOfMoreThanOneGibibyteFailsWithOutOfRange() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
        }
      };
      try {
        r.read((1L << 30) + 1);
      } catch (StreamException e) {
        ev.add(e.codeName());
      }
      ev.add("hwm:" + r.readableHighWaterMark());
    });
    assertEquals(List.of("ERR_OUT_OF_RANGE", "hwm:65536"), ev);
  }
}
