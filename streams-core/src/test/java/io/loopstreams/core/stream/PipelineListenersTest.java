package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-pipeline-listeners.js}: once a pipeline
 * succeeded, a last stage that is still readable no longer has the pipeline's ERROR listeners,
 * so a later error is uncaught rather than swallowed; a last stage that is only writable keeps
 * them. Expected values were recorded with Node 20.
 */
class PipelineListenersTest {

  @Test
  void aReadableLastStageLosesThePipelinesErrorListenersAfterSuccess() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      loop.onUncaughtException((err, origin) -> log.add("uncaught:" + err.getMessage()));
      PassThrough<String> a = new PassThrough<>(StreamOptions.objects());
      a.end("foobar");
      Duplex<String, String> b = new Duplex<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }

        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done();
        }
      };
      Pipeline.run(List.of(a, b), e -> {
        log.add("done:" + LifecycleLog.code(e) + " b error listeners:" + b.listenerCount(Stream.ERROR)
            + " a:" + (a.listenerCount(Stream.ERROR) > 0));
        loop.setImmediate(() -> b.destroy(new IllegalStateException("no way")));
      });
    });
    assertEquals(List.of("done:null b error listeners:0 a:true", "uncaught:no way"), log.events);
  }

  @Test
  void aWritableLastStageKeepsThePipelinesErrorListenersAfterSuccess() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      loop.onUncaughtException((err, origin) -> log.add("uncaught:" + err.getMessage()));
      PassThrough<String> e = new PassThrough<>(StreamOptions.objects());
      e.end("foobar");
      Writable<String> f = new Writable<>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done();
        }
      };
      Pipeline.run(List.of(e, f), err -> {
        log.add("done:" + LifecycleLog.code(err) + " f error listeners>0:"
            + (f.listenerCount(Stream.ERROR) > 0));
        loop.setImmediate(() -> f.destroy(new IllegalStateException("swallowed")));
      });
    });
    assertEquals(List.of("done:null f error listeners>0:true"), log.events);
  }
}
