package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-writable-ended-state.js}, {@code
 * test-stream-writable-finished-state.js} and {@code test-stream-writable-aborted.js}: the state
 * getters through a healthy and a failed lifecycle. Expected values were recorded with Node 20.
 */
class WritableStatePropertiesTest {

  private static String state(String label, Writable<?> w) {
    return label + " writable:" + w.isWritable() + " ended:" + w.writableEnded() + " finished:"
        + w.writableFinished() + " aborted:" + w.writableAborted() + " destroyed:" + w.destroyed()
        + " closed:" + w.closed() + " len:" + w.writableLength() + " errored:"
        + LifecycleLog.code(w.errored());
  }

  @Test
  void gettersFollowAHealthyLifecycle() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = new Writable<>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          loop().setImmediate(callback::done);
        }
      };
      log.add(state("start", w));
      w.write("a");
      log.add(state("written", w));
      w.end();
      log.add(state("ended", w));
      w.on(Stream.FINISH, () -> log.add(state("finish", w)));
      w.on(Stream.CLOSE, () -> log.add(state("close", w)));
    });
    assertEquals(List.of(
        "start writable:true ended:false finished:false aborted:false destroyed:false closed:false len:0 errored:null",
        "written writable:true ended:false finished:false aborted:false destroyed:false closed:false len:1 errored:null",
        "ended writable:false ended:true finished:false aborted:false destroyed:false closed:false len:1 errored:null",
        "finish writable:false ended:true finished:true aborted:false destroyed:false closed:false len:0 errored:null",
        "close writable:false ended:true finished:true aborted:false destroyed:true closed:true len:0 errored:null"),
        log.events);
  }

  @Test
  void gettersAfterAWriteErrorShowAnAbortedErroredStream() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = new Writable<>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          loop().setImmediate(() -> callback.done(new IllegalStateException("x")));
        }
      };
      w.on(Stream.ERROR, e -> { });
      w.write("a");
      w.on(Stream.CLOSE, () -> log.add(state("close", w)));
    });
    assertEquals(List.of(
        "close writable:false ended:false finished:false aborted:true destroyed:true closed:true len:0 errored:x"),
        log.events);
  }
}
