package io.loopstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress under a pseudo-terminal and silence in a pipe; the JSON summary; terminal refusal. */
class TerminalIT {

  @TempDir
  Path dir;

  private static String shellQuote(List<String> cmd) {
    return cmd.stream().map(s -> "'" + s.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
  }

  @Test
  void progressBarRendersUnderAPseudoTerminalAndStaysSilentWhenPiped() throws Exception {
    Files.write(dir.resolve("f.log"), Cli.logLines(300_000));
    String inner = shellQuote(Cli.command(List.of(), "gzip", "-k", "f.log")) + " > /dev/null";
    ProcessBuilder pb = new ProcessBuilder("script", "-qec", inner, "/dev/null");
    pb.environment().remove("CI");
    pb.environment().put("COLUMNS", "100");
    Cli.Result tty = Cli.run(pb.directory(dir.toFile()), dir, null);
    assertEquals(0, tty.code(), tty.outText());
    String screen = tty.outText();
    assertTrue(screen.contains("gzip") && screen.contains("100%") && screen.contains("MiB"), screen);

    Files.delete(dir.resolve("f.log.gz"));
    Cli.Result piped = Cli.run(dir, null, "gzip", "-k", "f.log");
    assertEquals(0, piped.code());
    assertEquals("", piped.err());
  }

  @Test
  void jsonSummaryParsesAndCarriesTheCounts() throws Exception {
    byte[] data = Cli.logLines(10_000);
    Files.write(dir.resolve("j.log"), data);
    Cli.Result r = Cli.run(dir, null, "gzip", "--json", "j.log");
    assertEquals(0, r.code(), r.err());
    Path json = Files.write(dir.resolve("summary.json"), r.out());
    Process py = new ProcessBuilder("python3", "-c",
        "import json,sys; d=json.load(open(sys.argv[1])); "
            + "print(d['command'], d['ok'], d['exitCode'], d['bytesIn'], d['files'][0]['output'], len(d['stages']))",
        json.toString()).redirectErrorStream(true).start();
    String parsed = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, py.waitFor());
    assertEquals("gzip True 0 " + data.length + " j.log.gz 3", parsed);
  }

  @Test
  void compressedDataIsNotWrittenToATerminal() throws Exception {
    Files.write(dir.resolve("t.log"), Cli.logLines(100));
    String inner = shellQuote(Cli.command(List.of(), "gzip", "-c", "t.log"));
    Cli.Result tty = Cli.run(new ProcessBuilder("script", "-qec", inner, "/dev/null").directory(dir.toFile()), dir, null);
    assertEquals(1, tty.code());
    assertTrue(tty.outText().contains(
        "pipeline: gzip: t.log: compressed data not written to a terminal (use -f to force, or -o FILE)"), tty.outText());
  }
}
