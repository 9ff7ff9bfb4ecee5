package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StuckPipelineTest {

  @Test
  void snapshotsShowTheStagesBeforeTheSlowOneFullAndNameItAtTheEnd() throws Exception {
    ExampleRun run = ExampleRun.of(StuckPipeline.class, "150", "5"); // at least 750 ms of enrich
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("", run.stderr());
    List<String> lines = List.of(run.stdout().split("\n"));
    String header = String.format("%-8s %-45s %9s %9s %6s %6s %8s", "stage", "state", "rbuffer", "wbuffer", "in", "out", "held ms");

    // The first periodic snapshot, 250 ms in: source and parse full and held, enrich's input
    // waiting for its DRAIN, store idle.
    assertEquals(List.of("after 250 ms:", header), lines.subList(0, 2));
    assertTrue(lines.get(2).matches("source +PAUSED FULL +16 +-1 .*"), lines.get(2));
    assertTrue(lines.get(3).matches("parse +PAUSED FULL WRITING NEED_DRAIN +16 +16 .*"), lines.get(3));
    assertTrue(lines.get(4).matches("enrich +FLOWING READING WRITING NEED_DRAIN +0 .*"), lines.get(4));
    assertTrue(lines.get(5).matches("store +-1 +0 .*"), lines.get(5));

    // After the end: every stage took in and let out all 150 items, and was destroyed.
    int end = lines.indexOf("finished:");
    assertTrue(end > 5, run.stdout());
    List<String> last = lines.subList(end + 1, lines.size());
    assertEquals(header, last.get(0));
    assertTrue(last.get(1).matches("source +PAUSED END_EMITTED DESTROYED CLOSED +0 +-1 +150 +150 +\\d+"), last.get(1));
    assertTrue(last.get(2).matches("parse +PAUSED END_EMITTED FINISHED DESTROYED CLOSED +0 +0 +150 +150 +\\d+"), last.get(2));
    assertTrue(last.get(3).matches("enrich +PAUSED END_EMITTED FINISHED DESTROYED CLOSED +0 +0 +150 +150 +\\d+"), last.get(3));
    assertTrue(last.get(4).matches("store +FINISHED DESTROYED CLOSED +-1 +0 +150 +150 +0"), last.get(4));
    assertEquals(List.of("slowest stage: enrich"), last.subList(5, last.size()));
  }

  @Test
  void withAFastEnrichNoStageIsFullAndEmptyAtOnce() {
    assertEquals("none: no stage has a full input and an empty output", StuckPipeline.slowest(List.of(
        new io.loopstreams.core.stream.StreamSnapshot("a", "FLOWING", 0, -1, 1, 0, 1, 0, 0, 0),
        new io.loopstreams.core.stream.StreamSnapshot("b", "WRITING", -1, 1, 1, 0, 1, 0, 0, 0))));
  }
}
