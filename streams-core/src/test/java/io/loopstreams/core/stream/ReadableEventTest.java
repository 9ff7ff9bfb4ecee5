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
 * Re-expresses Node's {@code test/parallel/test-stream-readable-event.js}: adding a READABLE
 * listener later still delivers a READABLE event for data (or the end) already buffered.
 */
class ReadableEventTest {

  private static Readable<ByteBuffer> recording(StreamOptions options, List<String> ev) {
    return new Readable<>(options) {
      @Override
      protected void doRead(long size) {
        ev.add("_read");
      }
    };
  }

  @Test
  void aLateReadableListenerSeesDataAboveTheMarkWithoutCallingRead() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = recording(StreamOptions.bytes().highWaterMark(3), ev);
      ev.add("push:" + r.push(buf("blerg")));
      loop.setTimeout(() -> r.on(Stream.READABLE, () -> ev.add("readable len=" + r.readableLength())), 0);
    });
    assertEquals(List.of("push:false", "readable len=5"), ev);
  }

  @Test
  void aLateReadableListenerSeesDataBelowTheMarkWhileReading() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = recording(StreamOptions.bytes().highWaterMark(3), ev);
      ev.add("push:" + r.push(buf("bl")));
      loop.setTimeout(() -> r.on(Stream.READABLE, () -> ev.add("readable len=" + r.readableLength())), 0);
    });
    assertEquals(List.of("push:true", "_read", "readable len=2"), ev);
  }

  @Test
  void aLateReadableListenerSeesDataBelowTheMarkAfterTheEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = recording(StreamOptions.bytes().highWaterMark(30), ev);
      r.push(buf("blerg"));
      r.push(null);
      loop.setTimeout(() -> r.on(Stream.READABLE, () -> ev.add("readable len=" + r.readableLength())), 0);
    });
    assertEquals(List.of("readable len=5"), ev);
  }

  @Test
  void removingTheReadableListenerLetsTheDataListenerFlow() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = recording(StreamOptions.bytes(), ev);
      r.push(buf("a"));
      r.push(buf("b"));
      r.push(null);
      Runnable onReadable = () -> ev.add("readable");
      r.on(Stream.READABLE, onReadable);
      r.onData(d -> ev.add("data:" + str(d)));
      r.on(Stream.END, () -> ev.add("end"));
      loop.setImmediate(() -> {
        ev.add("flowing:" + r.readableFlowing());
        r.off(Stream.READABLE, onReadable);
        ev.add("removed");
      });
    });
    assertEquals(List.of("readable", "readable", "flowing:false", "removed", "data:a", "data:b", "end"), ev);
  }
}
