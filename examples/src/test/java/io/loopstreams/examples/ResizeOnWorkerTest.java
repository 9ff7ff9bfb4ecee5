package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ResizeOnWorkerTest {

  @Test
  void theWorkerKeepsTheLoopDelayBelowOneResize() throws Exception {
    ExampleRun run = ExampleRun.of(ResizeOnWorker.class, "8");
    assertEquals(0, run.exit(), run.stderr());
    String[] lines = run.stdout().split("\n");
    assertEquals(3, lines.length, run.stdout());
    assertTrue(lines[0].startsWith("on the loop: 8 requests answered, loop delay p99 "), lines[0]);
    assertTrue(lines[1].startsWith("on a worker: 8 requests answered, loop delay p99 "), lines[1]);
    assertTrue(lines[2].startsWith("max loop delay: "), lines[2]);
  }

  @Test
  void theResizedPictureIsAQuarterPerSideAndAveragesItsNeighbourhood() {
    ByteBuffer small = ResizeOnWorker.resize(ResizeOnWorker.picture(0));
    assertEquals(ResizeOnWorker.WIDTH / 4 * (ResizeOnWorker.HEIGHT / 4) * 4, small.remaining());
    assertEquals((byte) 255, small.get(3)); // alpha stays opaque
    // pixel (0,0), green channel = y: rows 0,0,0,1,2 (clamped) average to 0
    assertEquals(0, small.get(1));
  }

  @Test
  void onAWorkerTheMaximumDelayIsSmallerThanOnTheLoop() {
    long[] max = ResizeOnWorker.run(6, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    assertTrue(max[1] < max[0], "worker " + max[1] + " ns vs loop " + max[0] + " ns");
  }
}
