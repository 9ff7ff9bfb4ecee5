package io.loopstreams.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C or SIGTERM in the middle of an atomic copy or write leaves no temporary file and the
 * destination as it was: a child JVM ({@link InterruptedAtomicWriteChild}) is stopped half-way
 * with {@code kill -INT} or {@code kill -TERM}, and its shutdown hook removes the temporary file.
 * The copy's source is a FIFO the test feeds and keeps open: the copy is provably mid-way
 * without a large file.
 */
class TempFilesShutdownTest {

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} killed with SIG{1}")
  @CsvSource({"copy, INT", "copy, TERM", "write, INT", "write, TERM"})
  void signalMidWayLeavesNoTemporaryFileAndTheDestinationUnchanged(String mode, String signal)
      throws Exception {
    Path dst = Files.writeString(dir.resolve("dst.bin"), "the old content");
    Path fifo = SpecialFiles.mkfifo(dir.resolve("source.fifo"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // JDK 24+ warns on stderr about JCTools' Unsafe use; the child's output is a protocol.
        Runtime.version().feature() >= 24 ? "--sun-misc-unsafe-memory-access=allow" : "-Dunused=0",
        "-cp", System.getProperty("java.class.path"),
        InterruptedAtomicWriteChild.class.getName(), mode));
    if (mode.equals("copy")) {
      command.add(fifo.toString());
    }
    command.add(dst.toString());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    OutputStream feeder = null;
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("READY", out.readLine());
      if (mode.equals("copy")) {
        feeder = CompletableFuture.supplyAsync(() -> open(fifo)).get(20, TimeUnit.SECONDS);
        feeder.write(new byte[1 << 20]);
        feeder.flush();
      }
      awaitTemporaryFile();
      new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start().waitFor();
      assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child did not exit on SIG" + signal);
      assertEquals(signal.equals("INT") ? 130 : 143, child.exitValue());
    } finally {
      child.destroyForcibly();
      if (feeder != null) {
        try {
          feeder.close();
        } catch (IOException e) {
          // the reader is gone: a broken pipe is expected
        }
      }
    }
    assertEquals(List.of("dst.bin", "source.fifo"), listing());
    assertEquals("the old content", Files.readString(dst));
  }

  private static OutputStream open(Path fifo) {
    try {
      return Files.newOutputStream(fifo);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits (bounded) until the child's temporary file exists: the child is then mid-way. */
  private void awaitTemporaryFile() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (listing().stream().noneMatch(n -> n.startsWith(".dst.bin.") && n.endsWith(".tmp"))) {
      assertTrue(System.nanoTime() < deadline, "no temporary file appeared: " + listing());
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }

  private List<String> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
