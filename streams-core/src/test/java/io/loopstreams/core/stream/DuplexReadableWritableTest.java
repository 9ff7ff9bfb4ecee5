package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static io.loopstreams.core.stream.ByteChunks.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-duplex-readable-writable.js} and {@code
 * test-stream-duplex-props.js}: a duplex created {@code readable(false)} closes after FINISH
 * alone, one created {@code writable(false)} after END alone.
 */
class DuplexReadableWritableTest {

  @Test
  void aDuplexWithoutAReadableSideClosesAfterFinish() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Duplex<ByteBuffer, ByteBuffer> d = new Duplex<>(StreamOptions.bytes().readable(false)) {
        @Override
        protected void doWrite(ByteBuffer chunk, Callback callback) {
          ev.add("write " + str(chunk));
          callback.done(null);
        }
      };
      ev.add("readable " + d.isReadable() + " writable " + d.isWritable());
      d.on(Stream.END, () -> ev.add("end"));
      d.on(Stream.FINISH, () -> ev.add("finish"));
      d.on(Stream.CLOSE, () -> ev.add("close"));
      d.end(buf("a"));
    });
    assertEquals(List.of("readable false writable true", "write a", "finish", "close"), ev);
  }

  @Test
  void aDuplexWithoutAWritableSideClosesAfterEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Duplex<ByteBuffer, ByteBuffer> d = new Duplex<>(StreamOptions.bytes().writable(false)) {
        @Override
        protected void doRead(long size) {
        }
      };
      ev.add("readable " + d.isReadable() + " writable " + d.isWritable());
      d.on(Stream.END, () -> ev.add("end"));
      d.on(Stream.FINISH, () -> ev.add("finish"));
      d.on(Stream.CLOSE, () -> ev.add("close"));
      d.onData(x -> ev.add("data " + str(x)));
      d.push(buf("a"));
      d.push(null);
    });
    assertEquals(List.of("readable true writable false", "data a", "end", "close"), ev);
  }
}
