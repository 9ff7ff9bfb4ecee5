package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-pipeline-uncaught.js}: an exception thrown
 * by the pipeline's callback is not swallowed; it reaches the loop's uncaught-exception path
 * once.
 */
class PipelineUncaughtTest {

  @Test
  void anExceptionThrownByTheCallbackReachesTheUncaughtHandlerOnce() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      loop.onUncaughtException((e, origin) -> log.add("uncaught:" + e.getMessage()));
      PassThrough<String> s = new PassThrough<>(StreamOptions.objects());
      s.end("data");
      Writable<String> sink = Writable.create(StreamOptions.objects(), (chunk, cb) -> cb.done());
      Pipeline.run(List.of(s, sink), e -> {
        log.add("done:" + LifecycleLog.code(e));
        throw new IllegalStateException("error");
      });
    });
    assertEquals(List.of("done:null", "uncaught:error"), log.events);
  }
}
