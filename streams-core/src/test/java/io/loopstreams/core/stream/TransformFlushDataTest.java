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
 * Re-expresses Node's {@code test/parallel/test-stream-transform-flush-data.js}: what {@code
 * doFlush} pushes comes after the transformed data and before END.
 */
class TransformFlushDataTest {

  @Test
  void dataPushedByFlushFollowsTheTransformedDataAndPrecedesEnd() {
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
          push(buf("world"));
          callback.done(null);
        }
      };
      t.onData(d -> ev.add("data " + str(d)));
      t.on(Stream.END, () -> ev.add("end"));
      t.on(Stream.FINISH, () -> ev.add("finish"));
      t.on(Stream.CLOSE, () -> ev.add("close"));
      t.end(buf("hello"));
    });
    assertEquals(List.of("data hello", "data world", "end", "finish", "close"), ev);
  }
}
