package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-writable-write-cb-twice.js}: calling the
 * {@code doWrite} callback twice, synchronously or not, errors the stream with {@code
 * ERR_MULTIPLE_CALLBACK} after the write callback saw success. Expected orders were recorded with
 * Node 20.
 */
class WritableWriteCbTwiceTest {

  @Test
  void aSynchronousSecondCallbackErrorsWithErrMultipleCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done();
          callback.done();
        }
      });
      w.write("x", log.cb("cb"));
      log.add("sync");
    });
    assertEquals(List.of("sync", "cb:null", "error:ERR_MULTIPLE_CALLBACK", "close"), log.events);
  }

  @Test
  void anAsynchronousSecondCallbackErrorsWithErrMultipleCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          loop().setImmediate(() -> {
            callback.done();
            callback.done();
          });
        }
      });
      w.write("x", log.cb("cb"));
    });
    assertEquals(List.of("cb:null", "error:ERR_MULTIPLE_CALLBACK", "close"), log.events);
  }

  @Test
  void aSecondCallbackWithAnErrorStillReportsErrMultipleCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          loop().setImmediate(() -> {
            callback.done();
            callback.done(new IllegalStateException("late"));
          });
        }
      });
      w.write("x", log.cb("cb"));
    });
    assertEquals(List.of("cb:null", "error:ERR_MULTIPLE_CALLBACK", "close"), log.events);
  }
}
