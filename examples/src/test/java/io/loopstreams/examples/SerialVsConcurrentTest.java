package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SerialVsConcurrentTest {

  @Test
  void serialAwaitsAddUpTheDelaysWhileAllAndMapOverlapThemWithTheSameResults() throws Exception {
    ExampleRun run = ExampleRun.of(SerialVsConcurrent.class, "6", "100", "3");
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("", run.stderr());
    Matcher m = Pattern.compile("6 lookups of 100 ms each\n"
        + "serial awaits: +(\\d+) ms\n"
        + "Promise.all: +(\\d+) ms\n"
        + "map, concurrency 3: +(\\d+) ms\n"
        + "same results in the same order: true \\[user-1, user-2, user-3, user-4, user-5, user-6]\n")
        .matcher(run.stdout());
    assertTrue(m.matches(), run.stdout());
    long serial = Long.parseLong(m.group(1));
    long all = Long.parseLong(m.group(2));
    long mapped = Long.parseLong(m.group(3));
    // Timers never fire early by more than the loop's cached time lags (well under 10 ms here):
    // six waits in a row, one wave of six, two waves of three.
    assertTrue(serial >= 590, "serial " + serial);
    assertTrue(all >= 90 && all < serial / 2, "all " + all + " serial " + serial);
    assertTrue(mapped >= 190 && mapped < serial * 3 / 4, "map " + mapped + " serial " + serial);
  }
}
