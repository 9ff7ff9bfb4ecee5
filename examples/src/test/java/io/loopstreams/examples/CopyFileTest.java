package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyFileTest {

  @TempDir
  Path dir;

  @Test
  void copiesATempFileThroughAPipeline() throws IOException {
    byte[] data = new byte[300_000];
    new Random(1).nextBytes(data);
    Path src = Files.write(dir.resolve("in.bin"), data);
    Path dst = dir.resolve("out.bin");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertTrue(CopyFile.run(src, dst, new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err));
    assertArrayEquals(data, Files.readAllBytes(dst));
    assertEquals("copied 300000 bytes to " + dst + "\n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void missingSourceReportsEnoentOnStderrExitsOneAndCreatesNothing() throws Exception {
    Path src = dir.resolve("missing.bin");
    Path dst = dir.resolve("out.bin");
    ExampleRun run = ExampleRun.of(CopyFile.class, src.toString(), dst.toString());
    assertEquals(new ExampleRun(1, "", "CopyFile: ENOENT: no such file or directory, open '" + src + "'\n"), run);
    assertFalse(Files.exists(dst));
  }

  @Test
  void aDirectoryAsDestinationReportsEisdirOnStderrAndExitsOne() throws Exception {
    Path src = Files.writeString(dir.resolve("in.txt"), "x");
    ExampleRun run = ExampleRun.of(CopyFile.class, src.toString(), dir.toString());
    assertEquals(new ExampleRun(1, "", "CopyFile: EISDIR: illegal operation on a directory, open '" + dir + "'\n"), run);
  }

  @Test
  void wrongArgumentsPrintTheUsageOnStderrAndExitTwo() throws Exception {
    assertEquals(new ExampleRun(2, "", "usage: CopyFile SOURCE DESTINATION\n"), ExampleRun.of(CopyFile.class));
  }
}
