package io.loopstreams.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real shaded jar ({@code target/pipeline.jar}, built in {@code package}) as a child
 * process in a directory, the way a person runs {@code ./pipeline}.
 */
final class Cli {

  static final Path JAR = Path.of(System.getProperty("pipeline.jar", "target/pipeline.jar")).toAbsolutePath();

  /** What a finished run left: exit code, stdout bytes, stderr text. */
  record Result(int code, byte[] out, String err) {
    String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  private Cli() {
  }

  static List<String> command(List<String> jvm, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("--enable-native-access=ALL-UNNAMED"); // Netty's native transport, quietly on JDK 22+
    if (Runtime.version().feature() >= 24) {
      cmd.add("--sun-misc-unsafe-memory-access=allow"); // no Unsafe warning in the compared output
    }
    cmd.addAll(jvm);
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  static ProcessBuilder builder(Path dir, String... args) {
    return new ProcessBuilder(command(List.of(), args)).directory(dir.toFile());
  }

  /** Runs to completion (30 s at most), stdin from {@code stdin} or empty. */
  static Result run(Path dir, Path stdin, String... args) throws IOException, InterruptedException {
    return run(builder(dir, args), dir, stdin);
  }

  static Result run(ProcessBuilder pb, Path dir, Path stdin) throws IOException, InterruptedException {
    Path out = Files.createTempFile("cli-out", ".bin");
    Path err = Files.createTempFile("cli-err", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile())
          : ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      Process p = pb.start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pipeline did not finish in 60 s");
      return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The names in {@code dir}, sorted (temp files are hidden {@code .NAME.pid.hex.tmp}). */
  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Text that compresses like logs: numbered lines with repeating words. */
  static byte[] logLines(int lines) {
    StringBuilder sb = new StringBuilder(lines * 60);
    for (int i = 0; i < lines; i++) {
      sb.append("2026-01-01T00:00:").append(i % 60).append(" INFO request ").append(i)
          .append(" served in ").append(i % 997).append(" ms\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Runs a system tool, returns its exit code. */
  static int tool(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return p.exitValue();
  }

  /** Waits (bounded) until {@code dir} holds a temp file of an atomic write. */
  static void awaitTempFile(Path dir) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    // inotify sees the other process create it: registered first, then checked, then awaited.
    try (java.nio.file.WatchService watch = dir.getFileSystem().newWatchService()) {
      dir.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
      while (names(dir).stream().noneMatch(n -> n.endsWith(".tmp"))) {
        long left = deadline - System.nanoTime();
        assertTrue(left > 0, "no temp file appeared in " + dir);
        java.nio.file.WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
  }

}
