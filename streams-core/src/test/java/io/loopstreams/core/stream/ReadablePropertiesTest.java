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
 * Re-expresses Node's {@code test/parallel/test-stream-readable-didRead.js}, {@code
 * test-stream-readable-ended.js}, {@code test-stream-readable-aborted.js}, {@code
 * test-stream-readable-error-end.js} and {@code test-stream-readable-add-chunk-during-data.js}:
 * the readable* getters through a stream's life, no END after an error, and a chunk pushed from
 * a DATA listener delivered after the one being handled.
 */
class ReadablePropertiesTest {

  private static Readable<ByteBuffer> idle() {
    return new Readable<>(StreamOptions.bytes()) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  private static String props(Readable<?> r) {
    return "didRead " + r.readableDidRead() + " ended " + r.readableEnded() + " aborted "
        + r.readableAborted() + " readable " + r.isReadable();
  }

  @Test
  void gettersFollowAStreamThatEndsNormally() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      ev.add(props(r));
      r.push(buf("x"));
      r.push(null);
      r.resume();
      r.on(Stream.END, () -> ev.add("end " + props(r)));
      r.on(Stream.CLOSE, () -> ev.add("close aborted " + r.readableAborted()));
    });
    assertEquals(List.of("didRead false ended false aborted false readable true",
        "end didRead true ended true aborted false readable false", "close aborted false"), ev);
  }

  @Test
  void gettersAfterDestroyWithAnErrorReportAnAbortedStream() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.push(buf("x"));
      r.on(Stream.ERROR, e -> { });
      r.destroy(new RuntimeException("x"));
      ev.add(props(r) + " errored " + r.errored().getMessage());
    });
    assertEquals(List.of("didRead false ended false aborted true readable false errored x"), ev);
  }

  @Test
  void anErrorBeforeTheBufferedEndPreventsEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.push(buf("a"));
      r.push(null);
      r.on(Stream.END, () -> ev.add("end"));
      r.on(Stream.ERROR, e -> ev.add("error " + e.getMessage()));
      r.on(Stream.CLOSE, () -> ev.add("close"));
      r.resume();
      r.destroy(new RuntimeException("x"));
    });
    assertEquals(List.of("error x", "close"), ev);
  }

  @Test
  void aChunkPushedFromADataListenerComesAfterTheBufferedOnes() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.onData(c -> {
        String s = str(c);
        ev.add("data " + s);
        if (s.equals("a")) {
          ev.add("push in data");
          r.push(buf("c"));
        }
      });
      r.on(Stream.END, () -> ev.add("end"));
      r.push(buf("a"));
      r.push(buf("b"));
      loop.setImmediate(() -> r.push(null));
    });
    assertEquals(List.of("data a", "push in data", "data b", "data c", "end"), ev);
  }
}
