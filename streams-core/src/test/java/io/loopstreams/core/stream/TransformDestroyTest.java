package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-transform-destroy.js} and the error cases
 * of {@code test-stream-transform-callback-twice.js}'s neighbours: destroying a transform with a
 * transform in flight emits ERROR then CLOSE only; a transform error reaches the write callback
 * first, then ERROR, then CLOSE; a flush error prevents END and FINISH.
 */
class TransformDestroyTest {

  private static void record(Transform<?, ?> t, List<String> ev) {
    t.on(Stream.END, () -> ev.add("end"));
    t.on(Stream.FINISH, () -> ev.add("finish"));
    t.on(Stream.ERROR, e -> ev.add("error " + e.getMessage()));
    t.on(Stream.CLOSE, () -> ev.add("close"));
  }

  @Test
  void destroyWithATransformInFlightEmitsErrorThenCloseOnly() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<ByteBuffer, ByteBuffer> t = new Transform<>(StreamOptions.bytes()) {
        @Override
        protected void doTransform(ByteBuffer chunk, Callback callback) {
          ev.add("transform");
        }
      };
      t.resume();
      record(t, ev);
      t.write(buf("a"));
      t.destroy(new RuntimeException("kaboom"));
    });
    assertEquals(List.of("transform", "error kaboom", "close"), ev);
  }

  @Test
  void aTransformErrorReachesTheWriteCallbackThenErrorThenClose() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<ByteBuffer, ByteBuffer> t = new Transform<>(StreamOptions.bytes()) {
        @Override
        protected void doTransform(ByteBuffer chunk, Callback callback) {
          callback.done(new RuntimeException("bad"));
        }
      };
      record(t, ev);
      t.write(buf("a"), err -> ev.add("write cb " + err.getMessage()));
      ev.add("sync");
    });
    assertEquals(List.of("sync", "write cb bad", "error bad", "close"), ev);
  }

  @Test
  void aFlushErrorPreventsEndAndFinish() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<ByteBuffer, ByteBuffer> t = new Transform<>(StreamOptions.bytes()) {
        @Override
        protected void doTransform(ByteBuffer chunk, Callback callback) {
          push(chunk);
          callback.done(null);
        }

        @Override
        protected void doFlush(Callback callback) {
          callback.done(new RuntimeException("flushfail"));
        }
      };
      t.resume();
      record(t, ev);
      t.end(buf("a"));
    });
    assertEquals(List.of("error flushfail", "close"), ev);
  }
}
