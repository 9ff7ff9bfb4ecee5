package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipFileTest {

  @TempDir
  Path dir;

  @Test
  void writesAGzipMemberThatTheJdkDecodesToTheSameBytes() throws IOException {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      log.append("2026-12-06T16:00:00Z INFO request ").append(i).append(" served in 3 ms\n");
    }
    byte[] data = log.toString().getBytes(StandardCharsets.UTF_8);
    Path src = Files.write(dir.resolve("app.log"), data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(GzipFile.run(src, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
    Path gz = dir.resolve("app.log.gz");
    assertEquals("wrote " + gz + "\n", out.toString(StandardCharsets.UTF_8));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      assertArrayEquals(data, in.readAllBytes());
    }
    assertTrue(Files.size(gz) < data.length / 5, "compressed " + Files.size(gz));
  }

  @Test
  void aMissingFileReportsEnoentOnStderrExitsOneAndWritesNothing() throws Exception {
    Path src = dir.resolve("missing.log");
    ExampleRun run = ExampleRun.of(GzipFile.class, src.toString());
    assertEquals(new ExampleRun(1, "", "GzipFile: ENOENT: no such file or directory, open '" + src + "'\n"), run);
    assertFalse(Files.exists(dir.resolve("missing.log.gz")));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }
}
