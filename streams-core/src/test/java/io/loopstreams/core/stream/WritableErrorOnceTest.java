package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the writable half of Node's {@code test/parallel/test-stream-error-once.js}: two
 * writes after {@code end()} both fail their callbacks, but ERROR is emitted once, with or
 * without autoDestroy. Expected orders recorded with Node 20.
 */
class WritableErrorOnceTest {

  private static Writable<String> sink(StreamOptions options) {
    return new Writable<>(options) {
      @Override
      protected void doWrite(String chunk, Callback callback) {
        callback.done();
      }
    };
  }

  @Test
  void twoWritesAfterEndEmitOneErrorThenClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(StreamOptions.objects());
      w.on(Writable.ERROR, e -> log.add("error:" + LifecycleLog.code(e)));
      w.on(Writable.CLOSE, () -> log.add("close"));
      w.end();
      w.write("h", log.cb("cb1"));
      w.write("h", log.cb("cb2"));
    });
    assertEquals(List.of("cb1:ERR_STREAM_WRITE_AFTER_END", "error:ERR_STREAM_WRITE_AFTER_END",
        "close", "cb2:ERR_STREAM_WRITE_AFTER_END"), log.events);
  }

  @Test
  void withoutAutoDestroyTwoWritesAfterEndStillEmitOneError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(StreamOptions.objects().autoDestroy(false));
      w.on(Writable.ERROR, e -> log.add("error:" + LifecycleLog.code(e)));
      w.on(Writable.CLOSE, () -> log.add("close"));
      w.end();
      w.write("h", log.cb("cb1"));
      w.write("h", log.cb("cb2"));
    });
    assertEquals(List.of("cb1:ERR_STREAM_WRITE_AFTER_END", "error:ERR_STREAM_WRITE_AFTER_END",
        "cb2:ERR_STREAM_WRITE_AFTER_END"), log.events);
  }
}
