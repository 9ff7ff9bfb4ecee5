package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/** Both directions: a Flux into a file, and that file back out as a Flux. */
class FluxToFileTest {

  @TempDir
  Path dir;

  @Test
  void aFluxOfRecordsBecomesOneLinePerRecord() throws Exception {
    Path file = dir.resolve("records.txt");
    ExampleRun run = ExampleRun.of(FluxToFile.class, file.toString(), "50000");
    List<String> expected = IntStream.rangeClosed(1, 50_000).mapToObj(i -> "record " + i).toList();
    long bytes = Files.size(file);
    assertEquals(new ExampleRun(0, "wrote 50000 lines, " + bytes + " bytes to " + file + "\n", ""), run);
    assertEquals(expected, Files.readAllLines(file));
  }

  @Test
  void aFailingFluxFailsThePipelineAndLeavesNoFile() {
    Path file = dir.resolve("records.txt");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Flux<String> failing = Flux.range(1, 10_000).map(i -> {
      if (i == 5_000) {
        throw new IllegalStateException("record 5000 is corrupt");
      }
      return "record " + i;
    });
    assertTrue(!FluxToFile.run(failing, file, System.out, new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertEquals("FluxToFile: record 5000 is corrupt\n", err.toString(StandardCharsets.UTF_8));
    assertTrue(!Files.exists(file));
  }

  @Test
  void aFileReadAsAFluxIsSummedUpByReactor() throws Exception {
    Path file = Files.write(dir.resolve("in.txt"), List.of("alpha", "be", "the longest line", "d", "e"));
    assertEquals(new ExampleRun(0, "5 lines; longest: \"the longest line\"; first three: [alpha, be, the longest line]\n", ""),
        ExampleRun.of(FileToFlux.class, file.toString()));
  }

  @Test
  void aMissingFileReachesTheFluxAsEnoent() throws Exception {
    Path file = dir.resolve("missing.txt");
    assertEquals(new ExampleRun(1, "", "FileToFlux: ENOENT: no such file or directory, open '" + file + "'\n"),
        ExampleRun.of(FileToFlux.class, file.toString()));
  }
}
