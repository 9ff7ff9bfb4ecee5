package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.reactive.Reactor;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.core.text.Text;
import io.loopstreams.fs.Fs;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * A file's lines as a Reactor Flux: {@code ./run-example FileToFlux FILE} reads FILE through a
 * pipeline (file → UTF-8 lines), hands the lines to Reactor as a Flux, lets Reactor count them,
 * find the longest and keep the first three, and brings the answer back to the loop as a promise.
 * Reactor's demand drives the file reads: the file is read as fast as the Flux consumes it.
 */
public final class FileToFlux {

  private FileToFlux() {
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: FileToFlux FILE");
      System.exit(2);
    }
    System.exit(run(Path.of(args[0]), System.out, System.err) ? 0 : 1);
  }

  /** What Reactor computed from the lines. */
  record Summary(long lines, String longest, List<String> firstThree) {
    Summary add(String line) {
      List<String> first = firstThree;
      if (first.size() < 3) {
        first = new ArrayList<>(first);
        first.add(line);
      }
      return new Summary(lines + 1, line.length() > longest.length() ? line : longest, first);
    }
  }

  /** Prints the summary of {@code file}'s lines; true on success, the error on {@code err}. */
  static boolean run(Path file, PrintStream out, PrintStream err) {
    boolean[] ok = {false};
    EventLoop.run(loop -> {
      Transform<ByteBuffer, String> lines = Text.utf8Lines();
      // pipeline, not pipe: a file error destroys the line splitter too, so it reaches the Flux.
      Pipeline.from(Fs.createReadStream(file)).to(lines);
      Flux<String> flux = Reactor.toFlux(lines);
      Reactor.fromMono(loop, flux.reduce(new Summary(0, "", List.of()), Summary::add))
          .thenAccept(s -> {
            out.println(s.lines() + " lines; longest: \"" + s.longest() + "\"; first three: " + s.firstThree());
            ok[0] = true;
          })
          .catchError(e -> {
            err.println("FileToFlux: " + e.getMessage());
            return null;
          });
    });
    return ok[0];
  }
}
