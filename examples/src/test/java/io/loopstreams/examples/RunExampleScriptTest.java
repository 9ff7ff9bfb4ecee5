package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The repository's {@code run-example} lists every example when given an unknown name. */
class RunExampleScriptTest {

  @Test
  void anUnknownNameListsEveryExampleAndExitsTwo() throws Exception {
    Path sources = Path.of("src/main/java/io/loopstreams/examples");
    List<String> names;
    try (var files = Files.list(sources)) {
      names = files.map(f -> f.getFileName().toString().replace(".java", "")).sorted().toList();
    }
    assertTrue(names.containsAll(List.of("BlockingVsOffload", "CopyFile", "CustomEmitter", "EchoServer", "FileToFlux",
        "FluxToFile", "GunzipFile", "GzipFile", "Hello", "LogCompressor", "LogLevels", "ReceiveFile",
        "SendFile", "SerialVsConcurrent", "StuckPipeline")), names.toString());
    Process p = new ProcessBuilder("bash", "../run-example", "NoSuchExample").start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    assertEquals(2, p.exitValue());
    assertEquals("run-example: no example named 'NoSuchExample'\nexamples:\n"
        + names.stream().map(n -> "  " + n + "\n").collect(Collectors.joining()), err);
  }
}
