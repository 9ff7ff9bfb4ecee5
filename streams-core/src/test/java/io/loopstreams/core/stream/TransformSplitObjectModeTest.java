package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-transform-split-objectmode.js}: a
 * transform can take bytes and produce objects (a parser) or the reverse (a serializer), each
 * side with its own mode and default mark.
 */
class TransformSplitObjectModeTest {

  @Test
  void aParserTakesBytesAndEmitsObjects() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<ByteBuffer, Integer> parser = new Transform<>(
          StreamOptions.bytes().strategy(QueuingStrategy.count(), QueuingStrategy.bytes())) {
        @Override
        protected void doTransform(ByteBuffer chunk, Callback callback) {
          push((int) chunk.get(0));
          callback.done(null);
        }
      };
      ev.add("r " + parser.readableObjectMode() + " " + parser.readableHighWaterMark() + " w "
          + parser.writableObjectMode() + " " + parser.writableHighWaterMark());
      parser.onData(o -> ev.add("data " + o));
      parser.end(ByteBuffer.wrap(new byte[] {42}));
    });
    assertEquals(List.of("r true 16 w false 65536", "data 42"), ev);
  }

  @Test
  void aSerializerTakesObjectsAndEmitsBytes() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<Integer, ByteBuffer> ser = new Transform<>(
          StreamOptions.bytes().strategy(QueuingStrategy.bytes(), QueuingStrategy.count())) {
        @Override
        protected void doTransform(Integer chunk, Callback callback) {
          push(ByteBuffer.wrap(new byte[] {chunk.byteValue()}));
          callback.done(null);
        }
      };
      ev.add("r " + ser.readableObjectMode() + " " + ser.readableHighWaterMark() + " w "
          + ser.writableObjectMode() + " " + ser.writableHighWaterMark());
      ser.onData(b -> ev.add("data " + b.get(0)));
      ser.end(23);
    });
    assertEquals(List.of("r false 65536 w true 16", "data 23"), ev);
  }
}
