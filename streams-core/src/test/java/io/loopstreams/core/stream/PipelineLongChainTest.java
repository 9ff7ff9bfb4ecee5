package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the eight-stage case of Node's {@code test/parallel/test-stream-pipeline.js}: an
 * endless source, six transforms and a destination that fails on its tenth write; every stage
 * emits ERROR then CLOSE once and the callback is called once. Expected order recorded with
 * Node 20.
 */
class PipelineLongChainTest {

  @Test
  void aFailingDestinationAtTheEndOfALongChainDestroysEveryStageOnce() {
    LifecycleLog log = new LifecycleLog();
    int[] writes = {0};
    EventLoop.run(loop -> {
      List<Stream> stages = new ArrayList<>();
      Readable<String> rs = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
          push("hello");
        }
      };
      stages.add(log.watch(rs, "rs"));
      for (int i = 0; i < 6; i++) {
        stages.add(log.watch(Transform.<String, String>map(StreamOptions.objects(), s -> s), "t" + i));
      }
      stages.add(log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          writes[0]++;
          callback.done(writes[0] == 10 ? new IllegalStateException("kaboom") : null);
        }
      }, "ws"));
      Pipeline.run(stages, e -> log.add("done:" + LifecycleLog.code(e) + " writes:" + writes[0]));
    });
    assertEquals(List.of("ws error:kaboom", "ws close", "rs error:kaboom", "rs close",
        "t0 error:kaboom", "t0 close", "t1 error:kaboom", "t1 close", "t2 error:kaboom", "t2 close",
        "t3 error:kaboom", "t3 close", "t4 error:kaboom", "t4 close", "t5 error:kaboom", "t5 close",
        "done:kaboom writes:10"), log.events);
  }
}
