package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "A transform whose readable side is full holds its callback" (the streams issue; Node's
 * {@code transform.js} {@code kCallback}, exercised by {@code test-stream2-transform.js}): while
 * nobody reads, the transform stops at the readable mark and the writable side buffers the rest;
 * each read releases one more transform.
 */
class TransformBackpressureTest {

  @Test
  void aTransformWhoseReadableSideIsFullHoldsItsCallbackUntilSomeoneReads() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] calls = {0};
      Transform<Integer, Integer> t = new Transform<>(StreamOptions.objects().highWaterMark(2)) {
        @Override
        protected void doTransform(Integer chunk, Callback callback) {
          calls[0]++;
          push(chunk);
          callback.done(null);
        }
      };
      List<Boolean> rets = new ArrayList<>();
      for (int i = 1; i <= 6; i++) {
        rets.add(t.write(i));
      }
      Runnable state = () -> ev.add("calls=" + calls[0] + " rlen=" + t.readableLength() + " wlen=" + t.writableLength());
      loop.setImmediate(() -> {
        ev.add("writes " + rets);
        state.run();
        ev.add("read " + t.read());
        state.run();
        loop.setImmediate(() -> {
          state.run();
          List<Integer> got = new ArrayList<>();
          for (Integer d; (d = t.read()) != null; ) {
            got.add(d);
          }
          ev.add("read all " + got);
          state.run();
        });
      });
    });
    assertEquals(List.of("writes [true, true, false, false, false, false]", "calls=2 rlen=2 wlen=5",
        "read 1", "calls=3 rlen=2 wlen=4", "calls=3 rlen=2 wlen=4", "read all [2, 3, 4, 5, 6]",
        "calls=6 rlen=0 wlen=0"), ev);
  }
}
