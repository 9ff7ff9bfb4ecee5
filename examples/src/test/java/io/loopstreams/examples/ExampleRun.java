package io.loopstreams.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An example's {@code main} run in a child JVM, as {@code ./run-example} runs it: exit code and output. */
record ExampleRun(int exit, String stdout, String stderr) {

  static ExampleRun of(Class<?> example, String... args) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command(example, args)).start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()),
        r -> new Thread(r, "example-stderr").start());
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(example.getSimpleName() + " did not exit");
    }
    return new ExampleRun(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
  }

  /** The java command line that runs {@code example}'s main with the test class path. */
  static List<String> command(Class<?> example, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // JDK 24+ warns on stderr about JCTools' and Netty's Unsafe use and about Netty loading
        // its native transport; the output is compared. (Native access: accepted since JDK 17.)
        "--enable-native-access=ALL-UNNAMED",
        Runtime.version().feature() >= 24 ? "--sun-misc-unsafe-memory-access=allow" : "-Dunused=0",
        "-cp", System.getProperty("java.class.path"), example.getName()));
    command.addAll(List.of(args));
    return command;
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
