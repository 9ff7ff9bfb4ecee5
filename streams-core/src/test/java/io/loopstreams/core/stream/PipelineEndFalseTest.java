package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pipeline's {@code end(false)}, re-expressing the {@code end: false} cases of Node's {@code
 * test/parallel/test-stream-pipeline.js} and {@code test-stream-promises.js}. Node 20, checked:
 * <pre>
 * resolved [ 1 ] writableEnded false pending 2      (settles when the source ended)
 * resolved2 [ 1 ]                                   (a second pipeline into the same writable)
 * rejected boom w2 destroyed false                  (a failure leaves the destination alone)
 * </pre>
 */
@org.junit.jupiter.api.Timeout(20)
class PipelineEndFalseTest {

  /** An object writable that completes each write after {@code delay} ms. */
  private static Writable<Object> slowSink(EventLoop loop, List<Object> got, long delay) {
    return new Writable<>(StreamOptions.objects()) {
      @Override
      protected void doWrite(Object chunk, Callback callback) {
        got.add(chunk);
        loop.setTimeout(() -> callback.done(null), delay);
      }
    };
  }

  @Test
  void endFalseSettlesWhenTheSourceEndedAndLeavesTheDestinationOpen() {
    List<String> out = new ArrayList<>();
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<Object> w = slowSink(loop, got, 5);
      w.on(Stream.FINISH, () -> out.add("finish"));
      Pipeline.from(Readable.<Object>from(List.of(1, 2))).end(false).to(w).onComplete(err -> {
        out.add("resolved " + got + " ended=" + w.writableEnded() + " pending=" + w.writableLength());
        Pipeline.from(Readable.<Object>from(List.of(3))).end(false).to(w).onComplete(err2 -> {
          out.add("resolved2 error=" + err2);
          w.end();
        });
      });
    });
    assertEquals(List.of("resolved [1] ended=false pending=2", "resolved2 error=null", "finish"), out);
    assertEquals(List.of(1, 2, 3), got);
  }

  @Test
  void aFailedSourceWithEndFalseRejectsWithoutDestroyingTheDestination() {
    List<String> out = new ArrayList<>();
    Writable<?>[] dst = new Writable<?>[1];
    EventLoop.run(loop -> {
      Writable<Object> w = slowSink(loop, new ArrayList<>(), 0);
      dst[0] = w;
      Readable<Object> bad = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
          destroy(new IllegalStateException("boom"));
        }
      };
      Pipeline.from(bad).end(false).to(w).onComplete(err -> out.add("rejected " + err.getMessage()));
    });
    assertEquals(List.of("rejected boom"), out);
    assertFalse(dst[0].destroyed());
    assertFalse(dst[0].writableEnded());
  }

  @Test
  void withEndTheDefaultTheDestinationFinishesBeforeTheOutcome() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<Object> w = slowSink(loop, new ArrayList<>(), 1);
      w.on(Stream.FINISH, () -> out.add("finish"));
      Pipeline.from(Readable.<Object>from(List.of(1))).to(w).onComplete(err -> out.add("done " + err));
    });
    assertEquals(List.of("finish", "done null"), out);
  }
}
