package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-transform-final.js} and {@code
 * test-stream-transform-final-sync.js} (without a user {@code final}, which a Transform here
 * cannot override): transforms, then the flush, then PREFINISH, END, FINISH and CLOSE.
 */
class TransformFinalTest {

  private static Transform<Integer, Integer> recording(EventLoop loop, List<String> ev, boolean async) {
    Transform<Integer, Integer> t = new Transform<>(StreamOptions.objects()) {
      @Override
      protected void doTransform(Integer chunk, Callback callback) {
        ev.add("transform " + chunk);
        Runnable finish = () -> {
          push(chunk * 10);
          if (async) {
            ev.add("transform cb " + chunk);
          }
          callback.done(null);
        };
        if (async) {
          loop.setImmediate(finish);
        } else {
          finish.run();
        }
      }

      @Override
      protected void doFlush(Callback callback) {
        ev.add("flush");
        Runnable finish = () -> {
          push(99);
          if (async) {
            ev.add("flush cb");
          }
          callback.done(null);
        };
        if (async) {
          loop.setImmediate(finish);
        } else {
          finish.run();
        }
      }
    };
    t.on(Stream.PREFINISH, () -> ev.add("prefinish"));
    t.on(Stream.FINISH, () -> ev.add("finish"));
    t.onData(d -> ev.add("data " + d));
    t.on(Stream.END, () -> ev.add("end"));
    t.on(Stream.CLOSE, () -> ev.add("close"));
    return t;
  }

  @Test
  void anAsynchronousTransformAndFlushRunInOrderBeforePrefinishEndFinishAndClose() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<Integer, Integer> t = recording(loop, ev, true);
      t.write(1);
      t.write(2);
      t.end(3);
    });
    assertEquals(List.of("transform 1", "data 10", "transform cb 1", "transform 2", "data 20",
        "transform cb 2", "transform 3", "data 30", "transform cb 3", "flush", "data 99", "flush cb",
        "prefinish", "end", "finish", "close"), ev);
  }

  @Test
  void aSynchronousTransformAndFlushPrefinishInsideEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<Integer, Integer> t = recording(loop, ev, false);
      t.write(1);
      t.write(2);
      t.end(3);
      ev.add("sync end");
    });
    assertEquals(List.of("transform 1", "data 10", "transform 2", "data 20", "transform 3", "data 30",
        "flush", "data 99", "prefinish", "sync end", "end", "finish", "close"), ev);
  }
}
