package io.loopstreams.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An example started in a child JVM that keeps running (a server): its stdout is read line by
 * line while it runs, then {@link #finish()} waits for its exit like {@link ExampleRun#of}.
 */
final class RunningExample implements AutoCloseable {

  private final Process process;
  private final BufferedReader stdout;
  private final StringBuilder seen = new StringBuilder();
  private final CompletableFuture<String> stderr;

  RunningExample(Class<?> example, String... args) throws IOException {
    process = new ProcessBuilder(ExampleRun.command(example, args)).start();
    stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    // A thread of its own: it blocks until the process ends (the common pool may have one worker).
    stderr = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, r -> new Thread(r, "example-stderr").start());
  }

  /** The next line of stdout (blocking), or null at its end. */
  String readLine() throws IOException {
    String line = stdout.readLine();
    if (line != null) {
      seen.append(line).append('\n');
    }
    return line;
  }

  /** The port in a first line "listening on 127.0.0.1:PORT". */
  int readListeningPort() throws IOException {
    String line = readLine();
    if (line == null || !line.startsWith("listening on 127.0.0.1:")) {
      throw new AssertionError("expected the listening line, got " + line + "; stderr: " + finish().stderr());
    }
    return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
  }

  /** Waits (at most 60 s) for the exit: the code and all of stdout and stderr. */
  ExampleRun finish() throws IOException {
    String line;
    while ((line = stdout.readLine()) != null) {
      seen.append(line).append('\n');
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the example did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return new ExampleRun(process.exitValue(), seen.toString(), stderr.join());
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
