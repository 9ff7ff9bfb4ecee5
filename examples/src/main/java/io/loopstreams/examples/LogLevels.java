package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.core.text.Text;
import io.loopstreams.fs.Fs;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the log levels of a log file in bounded memory, whatever its size:
 * {@code ./run-example LogLevels app.log}. File bytes → UTF-8 lines → the level word of each
 * line → a count per level, with Node's stream operators ({@code map}, {@code reduce}). Only a
 * read block and the streams' marks are in memory at any time.
 */
public final class LogLevels {

  private static final String[] LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"};

  private LogLevels() {
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: LogLevels FILE");
      System.exit(2);
    }
    System.exit(run(Path.of(args[0]), System.out, System.err) != null ? 0 : 1);
  }

  /** Prints and returns the count per level, or null (after printing why on {@code err}) on failure. */
  static Map<String, Long> run(Path file, PrintStream out, PrintStream err) {
    @SuppressWarnings("unchecked") Map<String, Long>[] result = new Map[1];
    EventLoop.run(loop -> {
      Transform<ByteBuffer, String> lines = Text.utf8Lines();
      // pipeline, not pipe: a failing file (ENOENT, EISDIR...) destroys the line splitter too,
      // so the error reaches the reduce below instead of going unhandled.
      Pipeline.from(Fs.createReadStream(file)).to(lines);
      lines.map(LogLevels::levelOf)
          .reduce((Map<String, Long> counts, String level) -> {
            counts.merge(level, 1L, Long::sum);
            return counts;
          }, new TreeMap<>())
          .thenAccept(counts -> {
            counts.forEach((level, n) -> out.println(level + " " + n));
            result[0] = counts;
          })
          .catchError(e -> {
            err.println("LogLevels: " + e.getMessage());
            return null;
          });
    });
    return result[0];
  }

  /** The first level word on the line, or "OTHER". */
  static String levelOf(String line) {
    for (String level : LEVELS) {
      if (line.contains(" " + level + " ")) {
        return level;
      }
    }
    return "OTHER";
  }
}
