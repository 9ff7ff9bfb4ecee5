package io.loopstreams.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.TimersOrderTest;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.core.stream.Writable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The watchdog names the pipeline stage that holds the loop (DESIGN: "with the loop thread's
 * stack and, inside a pipeline, the stage's name"), without any label set by hand.
 */
class LoopWatchdogStageTest {

  @Test
  void aReportFromInsideATransformCarriesThatStagesName() {
    List<BlockedReport> reports = new CopyOnWriteArrayList<>();
    LoopWatchdog[] dog = new LoopWatchdog[1];
    Throwable[] outcome = {new AssertionError("pipeline did not settle")};
    EventLoop.run(loop -> {
      dog[0] = LoopMonitor.watchdog(loop, Duration.ofMillis(50), reports::add);
      Readable<Integer> source = Readable.from(List.of(1, 2, 3));
      Transform<Integer, Integer> slow = Transform.map(StreamOptions.objects().name("slow-stage"), x -> {
        if (x == 2) {
          TimersOrderTest.spin(500);
        }
        return x;
      });
      Writable<Integer> sink = Writable.create(StreamOptions.objects().name("sink"), (x, cb) -> cb.done());
      Pipeline.from(source).pipe(slow).to(sink).onComplete(e -> outcome[0] = e);
    });
    dog[0].close();
    assertEquals(null, outcome[0]);
    assertEquals(1, reports.size(), "reports: " + reports);
    assertEquals("slow-stage", reports.get(0).label());
    assertTrue(reports.get(0).toString().contains("in 'slow-stage'"), reports.get(0).toString());
  }

  @Test
  void betweenHooksNoStageIsNamed() {
    List<BlockedReport> reports = new CopyOnWriteArrayList<>();
    LoopWatchdog[] dog = new LoopWatchdog[1];
    EventLoop.run(loop -> {
      dog[0] = LoopMonitor.watchdog(loop, Duration.ofMillis(50), reports::add);
      Readable<Integer> source = Readable.from(List.of(1));
      Writable<Integer> sink = Writable.create(StreamOptions.objects().name("sink"), (x, cb) -> cb.done());
      Pipeline.from(source).to(sink).onComplete(e -> loop.setTimeout(() -> TimersOrderTest.spin(500), 1));
    });
    dog[0].close();
    assertEquals(1, reports.size(), "reports: " + reports);
    assertEquals(null, reports.get(0).label());
  }
}
