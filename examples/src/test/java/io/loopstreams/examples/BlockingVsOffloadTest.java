package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BlockingVsOffloadTest {

  private static final Pattern ROUND = Pattern.compile(
      "on the (loop|offload pool): +responses after ([\\d, ]+) ms; loop delay p99 ([\\d.]+) ms, max ([\\d.]+) ms");

  @Test
  void workOnTheLoopDelaysItByTheSumOfTheRequestsWorkAndOffloadedWorkDoesNot() throws Exception {
    ExampleRun run = ExampleRun.of(BlockingVsOffload.class, "3", "100");
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("", run.stderr());
    String[] lines = run.stdout().split("\n");
    assertEquals(3, lines.length, run.stdout());
    assertEquals("3 requests arrive together, each needing 100 ms of CPU", lines[0]);
    Matcher onLoop = matching(lines[1], "loop");
    Matcher offloaded = matching(lines[2], "offload pool");

    // On the loop the requests run one after the other, and the loop does nothing else meanwhile:
    // request n is answered after at least n * 100 ms of CPU, and a timer due at the start fires
    // after all three (CPU time never exceeds wall time, so these bounds hold on a loaded machine).
    List<Long> serial = millis(onLoop);
    for (int n = 1; n <= 3; n++) {
      assertTrue(serial.get(n - 1) >= n * 100L, "request " + n + " answered after " + serial);
    }
    double blockedMax = Double.parseDouble(onLoop.group(4));
    assertTrue(blockedMax >= 290, "loop delay with the work on the loop: " + blockedMax);

    // Offloaded, each still needs its 100 ms, but the loop's timer keeps firing on time.
    assertTrue(millis(offloaded).stream().allMatch(ms -> ms >= 100), lines[2]);
    double offloadedP99 = Double.parseDouble(offloaded.group(3));
    assertTrue(offloadedP99 < blockedMax / 2, "p99 " + offloadedP99 + " offloaded, max " + blockedMax + " on the loop");
  }

  private static Matcher matching(String line, String where) {
    Matcher m = ROUND.matcher(line);
    assertTrue(m.matches() && m.group(1).equals(where), line);
    return m;
  }

  private static List<Long> millis(Matcher m) {
    return Arrays.stream(m.group(2).split(", ")).map(Long::parseLong).toList();
  }
}
