package io.loopstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C mid-way and a small heap. */
class InterruptIT {

  @TempDir
  Path dir;

  @Test
  void sigintMidWayExits130AndLeavesNoTempFile() throws Exception {
    Process p = new ProcessBuilder(Cli.command(List.of(), "gzip", "-o", "out.gz", "-"))
        .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    OutputStream feed = p.getOutputStream();
    feed.write(Cli.logLines(50_000));
    feed.flush();
    Cli.awaitTempFile(dir);
    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    assertEquals(130, p.exitValue());
    assertEquals(List.of(), Cli.names(dir));
  }

  @Test
  void a64MiBHeapGzipsAFileFourTimesLarger() throws Exception {
    Path big = dir.resolve("big.log");
    byte[] block = Cli.logLines(100_000);
    try (OutputStream out = Files.newOutputStream(big)) {
      for (long written = 0; written < 256L << 20; written += block.length) {
        out.write(block);
      }
    }
    ProcessBuilder pb = new ProcessBuilder(Cli.command(List.of("-Xmx64m"), "gzip", "-1", "big.log"))
        .directory(dir.toFile());
    Cli.Result r = Cli.run(pb, dir, null);
    assertEquals(0, r.code(), r.err());
    assertEquals(0, Cli.tool(dir, "gzip", "-t", "big.log.gz"));
  }
}
