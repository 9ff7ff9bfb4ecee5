package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static io.loopstreams.core.stream.ByteChunks.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-unshift-empty-chunk.js}, {@code
 * test-stream-unshift-read-race.js} (the "parser puts back what it did not use" pattern) and
 * {@code test-stream-readable-unshift.js}: unshift puts data at the front; an empty unshift is a
 * no-op; unshift after END fails with {@code ERR_STREAM_UNSHIFT_AFTER_END_EVENT}.
 */
class ReadableUnshiftTest {

  private static ByteBuffer filled(int n, char c) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return ByteBuffer.wrap(b);
  }

  @Test
  void aParserPuttingBackPartOfEachChunkSeesItFirstAndEmptyPutBacksChangeNothing() {
    List<String> seen = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] nChunks = {10};
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
          loop.setImmediate(() -> push(--nChunks[0] == 0 ? null : filled(10, 'x')));
        }
      };
      boolean[] readAll = {false};
      r.on(Stream.READABLE, () -> {
        for (ByteBuffer chunk; (chunk = r.read()) != null; ) {
          seen.add(str(chunk));
          ByteBuffer putBack = filled(readAll[0] ? 0 : 5, 'y');
          readAll[0] = !readAll[0];
          r.unshift(putBack);
        }
      });
      r.on(Stream.END, () -> seen.add("end"));
    });
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      expected.add("xxxxxxxxxx");
      expected.add("yyyyy");
    }
    expected.add("end");
    assertEquals(expected, seen);
  }

  @Test
  void unshiftPutsDataInFrontOfWhatIsBuffered() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.push(buf("body"));
      ev.add("unshift:" + r.unshift(buf("head-")));
      ev.add("read:" + str(r.read()));
    });
    assertEquals(List.of("unshift:true", "read:head-body"), ev);
  }

  @Test
  void unshiftAfterEndFailsWithUnshiftAfterEndEvent() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.on(Stream.ERROR, e -> ev.add("error:" + ((StreamException) e).codeName()));
      r.on(Stream.CLOSE, () -> ev.add("close"));
      r.on(Stream.END, () -> {
        ev.add("end");
        r.unshift(buf("late"));
        ev.add("after unshift");
      });
      r.push(null);
      r.resume();
    });
    assertEquals(List.of("end", "after unshift", "error:ERR_STREAM_UNSHIFT_AFTER_END_EVENT", "close"), ev);
  }

  @Test
  void unshiftInObjectModeReturnsTheItemBeforeThePushedOnes() {
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<String> r = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.push("b");
      r.push("c");
      r.unshift("a");
      r.push(null);
      r.onData(got::add);
      r.on(Stream.END, () -> got.add("end"));
    });
    assertEquals(List.of("a", "b", "c", "end"), got);
  }

  @Test
  void unshiftingWhileReadingNeverCollidesWithReadAndAfterEndItFails() {
    List<String> ev = new ArrayList<>();
    List<String> written = new ArrayList<>();
    EventLoop.run(loop -> {
      int hwm = 10;
      byte[] data = new byte[10 * hwm + hwm / 2];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) "asdf".charAt(i % 4);
      }
      int[] pos = {0};
      boolean[] pushedNull = {false};
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes().highWaterMark(hwm)) {
        @Override
        protected void doRead(long n) {
          if (pushedNull[0]) {
            ev.add("_read after null");
          }
          ByteBuffer c = pos[0] >= data.length ? null
              : ByteBuffer.wrap(data, pos[0], (int) Math.min(n, data.length - pos[0])).slice();
          pushedNull[0] = c == null;
          loop.setImmediate(() -> {
            pos[0] += (int) n;
            push(c);
          });
        }
      };
      Writable<ByteBuffer> w = Writable.create(StreamOptions.bytes(), (chunk, cb) -> {
        written.add(str(chunk));
        cb.done();
      });
      r.on(Stream.ERROR, e -> ev.add("r error " + ((StreamException) e).codeName()));
      r.on(Stream.END, () -> {
        ev.add("end");
        r.unshift(ByteBuffer.allocate(1));
        w.end();
      });
      r.on(Stream.READABLE, () -> {
        for (ByteBuffer chunk; (chunk = r.read(10)) != null; ) {
          w.write(chunk);
          if (chunk.remaining() > 4) {
            r.unshift(buf("1234"));
          }
        }
      });
      w.on(Stream.FINISH, () -> ev.add("finish"));
      r.on(Stream.CLOSE, () -> ev.add("r close"));
    });
    assertEquals(List.of("end", "r error ERR_STREAM_UNSHIFT_AFTER_END_EVENT", "r close", "finish"), ev);
    List<String> expected = new ArrayList<>();
    expected.add("asdfasdfas");
    for (int i = 0; i < 7; i++) {
      expected.add("1234dfasdf");
      expected.add("1234asdfas");
    }
    expected.add("1234dfasdf");
    expected.add("1234asdfa");
    expected.add("1234");
    assertEquals(expected, written);
  }

  @Test
  void dataUnshiftedBetweenTheLastReadAndEndPostponesEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.push(buf("a"));
      r.push(null);
      r.on(Stream.END, () -> ev.add("end"));
      r.on(Stream.CLOSE, () -> ev.add("close"));
      ev.add("read " + str(r.read()));
      ev.add("read " + str(r.read()));
      ev.add("unshift " + r.unshift(buf("b")));
      loop.setImmediate(() -> {
        ev.add("imm len " + r.readableLength() + " ended " + r.readableEnded());
        ev.add("read " + str(r.read()));
        ev.add("read " + str(r.read()));
      });
    });
    assertEquals(List.of("read a", "read null", "unshift false", "imm len 1 ended false", "read b",
        "read null", "end", "close"), ev);
  }
}
