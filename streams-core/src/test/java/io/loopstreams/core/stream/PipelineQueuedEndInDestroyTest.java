package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-pipeline-queued-end-in-destroy.js}: the
 * pipeline still settles (with a premature close) when a stage's {@code doDestroy} queues an
 * {@code end()} on itself that is never processed. Expected order recorded with Node 20.
 */
class PipelineQueuedEndInDestroyTest {

  @Test
  void aDoDestroyThatEndsItselfStillLetsThePipelineSettleOnce() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<String> src = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
          log.add("read");
        }
      };
      Duplex<String, String> dup = new Duplex<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }

        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write:" + chunk); // messages queue up: never called back
        }

        @Override
        protected void doDestroy(Throwable error, Callback callback) {
          log.add("doDestroy:" + LifecycleLog.code(error));
          end();
          callback.done(error);
        }
      };
      src.on(Stream.CLOSE, () -> log.add("src close"));
      log.watch(dup, "dup");
      Pipeline.run(List.of(src, dup), log.cb("done"));
      src.push("foo");
      loop.setImmediate(() -> src.destroy());
    });
    assertEquals(List.of("read", "write:foo", "src close", "doDestroy:ERR_STREAM_PREMATURE_CLOSE",
        "dup error:ERR_STREAM_PREMATURE_CLOSE", "dup close", "done:ERR_STREAM_PREMATURE_CLOSE"),
        log.events);
  }
}
