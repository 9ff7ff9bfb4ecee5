package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.loopstreams.core.Callback;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-writable-write-error.js} and {@code
 * test-stream-writable-write-writev-finish.js}: a write after {@code end()} fails with {@code
 * ERR_STREAM_WRITE_AFTER_END}, its callback is called on the next tick, before ERROR; a write
 * error fails buffered writes too. Expected orders were recorded with Node 20.
 */
class WritableWriteAfterEndTest {

  private static Writable<String> sink(StreamOptions options) {
    return new Writable<>(options) {
      @Override
      protected void doWrite(String chunk, Callback callback) {
        callback.done();
      }
    };
  }

  @Test
  void writeAfterEndCallsBackOnTheNextTickBeforeErrorAndClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink(StreamOptions.objects()));
      w.end();
      log.add("ret:" + w.write("x", log.cb("cb")));
      log.add("sync");
    });
    assertEquals(List.of("prefinish", "ret:false", "sync", "cb:ERR_STREAM_WRITE_AFTER_END",
        "error:ERR_STREAM_WRITE_AFTER_END", "close"), log.events);
  }

  @Test
  void writeAfterEndWithoutAutoDestroyEmitsErrorButNeitherFinishNorClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink(StreamOptions.objects().autoDestroy(false)));
      w.end();
      w.write("x", log.cb("cb"));
      log.add("sync");
    });
    assertEquals(List.of("prefinish", "sync", "cb:ERR_STREAM_WRITE_AFTER_END",
        "error:ERR_STREAM_WRITE_AFTER_END"), log.events);
  }

  @Test
  void endWithAChunkAfterEndFailsThatEndAndTheFirstEndCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink(StreamOptions.objects()));
      w.end("a", log.cb("end cb"));
      w.end("b", log.cb("end2 cb"));
      log.add("sync");
    });
    assertEquals(List.of("prefinish", "sync", "end cb:ERR_STREAM_WRITE_AFTER_END",
        "error:ERR_STREAM_WRITE_AFTER_END", "close", "end2 cb:ERR_STREAM_WRITE_AFTER_END"),
        log.events);
  }

  @Test
  void writeNullThrowsErrStreamNullValues() {
    EventLoop.run(loop -> {
      Writable<String> w = sink(StreamOptions.objects());
      StreamException e = assertThrows(StreamException.class, () -> w.write(null));
      assertEquals(ErrorCode.ERR_STREAM_NULL_VALUES, e.code());
      w.end();
    });
  }

  @Test
  void aSynchronousWriteErrorFailsTheWriteAndTheBufferedOneBeforeError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done(new IllegalStateException("kaboom"));
        }
      });
      w.write("a", log.cb("cb a"));
      w.write("b", log.cb("cb b"));
      log.add("sync");
    });
    assertEquals(List.of("sync", "cb a:kaboom", "cb b:kaboom", "error:kaboom", "close"), log.events);
  }
}
