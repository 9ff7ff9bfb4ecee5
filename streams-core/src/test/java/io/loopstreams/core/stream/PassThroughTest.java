package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-transform-objectmode-falsey-value.js}
 * and {@code test-stream-passthrough-drain.js}/{@code test-stream-transform-hwm0.js}: falsy
 * values pass through an object-mode PassThrough unchanged (the same instances); a readable mark
 * of 0 makes the writable mark 0 too.
 */
class PassThroughTest {

  @Test
  void falsyValuesPassThroughUnchanged() {
    List<Object> ev = new ArrayList<>();
    Object marker = new Object();
    EventLoop.run(loop -> {
      PassThrough<Object> t = new PassThrough<>(StreamOptions.objects());
      t.onData(ev::add);
      t.on(Stream.END, () -> ev.add("end"));
      for (Object x : List.of(0, false, "", -1, marker)) {
        t.write(x);
      }
      t.end();
    });
    assertEquals(List.of(0, false, "", -1, marker, "end"), ev);
    assertSame(marker, ev.get(4));
  }

  @Test
  void aReadableMarkOfZeroMakesTheWritableMarkZero() {
    List<Object> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<Object> t = new PassThrough<>(StreamOptions.objects().readableHighWaterMark(0));
      ev.add("r " + t.readableHighWaterMark() + " w " + t.writableHighWaterMark());
      ev.add("write " + t.write("a"));
      t.onData(ev::add);
      t.on(Stream.DRAIN, () -> ev.add("drain"));
    });
    assertEquals(List.of("r 0 w 0", "write false", "a", "drain"), ev);
  }
}
