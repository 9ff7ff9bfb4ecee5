package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogLevelsTest {

  @TempDir
  Path dir;

  @Test
  void countsEachLevelOfAFileLargerThanOneReadBlock() throws IOException {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      String level = i % 10 == 0 ? "ERROR" : i % 3 == 0 ? "WARN" : "INFO";
      log.append("2026-11-22T08:00:00Z ").append(level).append(" request ").append(i).append(" done ✓\n");
    }
    log.append("trailing line without a level");
    Path file = Files.writeString(dir.resolve("app.log"), log);
    assertTrue(Files.size(file) > 2 * 1024 * 1024, "spans several 1 MiB read blocks");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Map<String, Long> counts = LogLevels.run(file, new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err);

    assertEquals(Map.of("ERROR", 6_000L, "WARN", 18_000L, "INFO", 36_000L, "OTHER", 1L), counts);
    assertEquals("ERROR 6000\nINFO 36000\nOTHER 1\nWARN 18000\n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMissingFileIsReportedWithItsCodeOnStderrAndExitsOne() throws Exception {
    Path missing = dir.resolve("missing.log");
    assertEquals(new ExampleRun(1, "", "LogLevels: ENOENT: no such file or directory, open '" + missing + "'\n"),
        ExampleRun.of(LogLevels.class, missing.toString()));
  }
}
