package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the backpressure expectations behind Node's {@code
 * test/parallel/test-stream-pipeline.js} and {@code test-stream-big-push.js}: with a slow
 * destination, every buffer in the pipeline stays bounded by its mark however long the input
 * is, and the source is never more than a few marks ahead of the sink. The maxima were recorded
 * with Node 20 for the same marks (source 4, transform 4, sink 2).
 */
class PipelineBackpressureTest {

  @Test
  @SuppressWarnings("unchecked")
  void aSlowDestinationKeepsEveryBufferBoundedByItsMark() {
    int n = 200;
    long[] m = new long[6]; // produced, got, maxSink, maxMidReadable, maxMidWritable, maxAhead
    Throwable[] outcome = {new AssertionError("pipeline never settled")};
    EventLoop.run(loop -> {
      Readable<Integer> src = new Readable<>(StreamOptions.objects().highWaterMark(4)) {
        @Override
        protected void doRead(long size) {
          while (m[0] < n) {
            if (!push((int) m[0]++)) {
              return;
            }
          }
          pushEnd();
        }
      };
      PassThrough<Integer> mid = new PassThrough<>(StreamOptions.objects().highWaterMark(4));
      Writable<Integer>[] sink = new Writable[1];
      sink[0] = new Writable<>(StreamOptions.objects().highWaterMark(2)) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          m[1]++;
          m[2] = Math.max(m[2], sink[0].writableLength());
          m[3] = Math.max(m[3], mid.readableLength());
          m[4] = Math.max(m[4], mid.writableLength());
          loop().setImmediate(callback::done);
        }
      };
      src.on(Stream.DATA, d -> m[5] = Math.max(m[5], m[0] - m[1]));
      Pipeline.from(src).pipe(mid).to(sink[0]).onComplete(e -> outcome[0] = e);
    });
    assertEquals(null, outcome[0]);
    assertEquals(List.of(200L, 200L, 1L, 5L, 4L, 12L),
        List.of(m[0], m[1], m[2], m[3], m[4], m[5]));
  }
}
