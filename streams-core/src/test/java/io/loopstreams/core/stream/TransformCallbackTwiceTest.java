package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-transform-callback-twice.js}: calling the
 * transform callback twice is an {@code ERR_MULTIPLE_CALLBACK} error, then CLOSE.
 */
class TransformCallbackTwiceTest {

  @Test
  void callingTheTransformCallbackTwiceEmitsMultipleCallbackThenClose() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<ByteBuffer, ByteBuffer> t = new Transform<>(StreamOptions.bytes()) {
        @Override
        protected void doTransform(ByteBuffer chunk, Callback callback) {
          callback.done(null);
          callback.done(null);
        }
      };
      t.on(Stream.ERROR, e -> ev.add("error " + ((StreamException) e).codeName() + " " + e.getMessage()));
      t.on(Stream.CLOSE, () -> ev.add("close"));
      t.write(buf("foo"));
      ev.add("written");
    });
    assertEquals(List.of("written", "error ERR_MULTIPLE_CALLBACK Callback called multiple times", "close"), ev);
  }
}
