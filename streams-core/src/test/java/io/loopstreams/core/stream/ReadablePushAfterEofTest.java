package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the push-after-EOF case of Node's {@code test/parallel/test-stream-unshift-read-race.js},
 * {@code test-stream2-push.js} and
 * test-stream-objectmode-undefined.js}: in object mode only {@code null} ends the stream (0,
 * false and "" are chunks); a push after the end fails with {@code ERR_STREAM_PUSH_AFTER_EOF}.
 */
class ReadablePushAfterEofTest {

  @Test
  void inObjectModeOnlyNullEndsTheStream() {
    List<Object> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Object> r = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.onData(d -> ev.add(d));
      r.on(Stream.END, () -> ev.add("end"));
      r.push(0);
      r.push(false);
      r.push("");
      r.push(null);
    });
    assertEquals(List.of(0, false, "", "end"), ev);
  }

  @Test
  void aPushAfterTheEndReturnsFalseThenEmitsErrorAndClose() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.on(Stream.ERROR, e -> ev.add("error:" + ((StreamException) e).codeName()));
      r.on(Stream.CLOSE, () -> ev.add("close"));
      r.push(buf("a"));
      r.push(null);
      ev.add("push:" + r.push(buf("b")));
      ev.add("sync");
    });
    assertEquals(List.of("push:false", "sync", "error:ERR_STREAM_PUSH_AFTER_EOF", "close"), ev);
  }

  @Test
  void withoutAutoDestroyThePushAfterTheEndEmitsErrorSynchronouslyAndNoClose() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes().autoDestroy(false)) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.on(Stream.ERROR, e -> ev.add("error:" + ((StreamException) e).codeName()));
      r.on(Stream.CLOSE, () -> ev.add("close"));
      r.push(null);
      ev.add("push:" + r.push(buf("b")));
      ev.add("sync");
    });
    assertEquals(List.of("error:ERR_STREAM_PUSH_AFTER_EOF", "push:false", "sync"), ev);
  }

  @Test
  void aSecondEndIsANoOp() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<String> r = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.on(Stream.ERROR, e -> ev.add("error"));
      r.on(Stream.END, () -> ev.add("end"));
      r.on(Stream.CLOSE, () -> ev.add("close"));
      r.push("a");
      r.push(null);
      r.push(null);
      r.onData(d -> ev.add("data:" + d));
    });
    assertEquals(List.of("data:a", "end", "close"), ev);
  }
}
