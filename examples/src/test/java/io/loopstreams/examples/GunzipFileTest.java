package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GunzipFileTest {

  @TempDir
  Path dir;

  @Test
  void restoresTheBytesOfAJdkGzipFileAndEndsWithAHundredPercentLine() throws Exception {
    byte[] data = new byte[3_000_000];
    new Random(7).nextBytes(data);
    Path gz = dir.resolve("blob.bin.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(data);
    }
    long size = Files.size(gz);
    ExampleRun run = ExampleRun.of(GunzipFile.class, gz.toString());
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("", run.stderr());
    List<String> lines = List.of(run.stdout().split("\n"));
    assertEquals(List.of(String.format("gunzip: 100%% of %d compressed bytes read", size),
        "wrote " + dir.resolve("blob.bin") + ": 3000000 bytes from " + size + " compressed"),
        lines.subList(lines.size() - 2, lines.size()));
    for (String line : lines.subList(0, lines.size() - 1)) { // periodic lines, if the run was slow
      assertTrue(line.matches("gunzip: +\\d+% of " + size + " compressed bytes read"), line);
    }
    assertArrayEquals(data, Files.readAllBytes(dir.resolve("blob.bin")));
  }

  @Test
  void notGzipReportsIncorrectHeaderCheckExitsOneAndLeavesOnlyTheInput() throws Exception {
    Path gz = Files.writeString(dir.resolve("plain.txt.gz"), "not gzip at all\n", StandardCharsets.UTF_8);
    ExampleRun run = ExampleRun.of(GunzipFile.class, gz.toString());
    assertEquals(new ExampleRun(1, "", "GunzipFile: incorrect header check\n"), run);
    try (var files = Files.list(dir)) {
      assertEquals(List.of(gz), files.toList());
    }
  }

  @Test
  void aNameWithoutGzSuffixPrintsTheUsageAndExitsTwo() throws IOException, InterruptedException {
    assertEquals(new ExampleRun(2, "", "usage: GunzipFile FILE.gz\n"), ExampleRun.of(GunzipFile.class, "file.txt"));
  }
}
