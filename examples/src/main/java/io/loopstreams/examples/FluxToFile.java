package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.reactive.Reactor;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.QueuingStrategy;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.fs.FileWriteStream;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.WriteOptions;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import reactor.core.publisher.Flux;

/**
 * A Reactor Flux written to a file through a pipeline: {@code ./run-example FluxToFile FILE [N]}
 * writes N lines ({@code "record i"}, default 100,000). The Flux is requested from as the
 * pipeline reads (Reactive Streams demand follows the readable's mark), so a slow disk slows the
 * Flux instead of buffering it; the Flux's signals hop onto the loop before they are pushed.
 */
public final class FluxToFile {

  private FluxToFile() {
  }

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: FluxToFile FILE [N]");
      System.exit(2);
    }
    int n = args.length == 2 ? Integer.parseInt(args[1]) : 100_000;
    System.exit(run(Flux.range(1, n).map(i -> "record " + i), Path.of(args[0]), System.out, System.err) ? 0 : 1);
  }

  /** Writes each item of {@code lines} as a line of {@code file}; true on success. */
  static boolean run(Flux<String> lines, Path file, PrintStream out, PrintStream err) {
    boolean[] ok = {false};
    EventLoop.run(loop -> {
      Readable<String> source = Reactor.fromFlux(loop, lines);
      long[] count = {0};
      // Strings in (counted as objects), bytes out (counted in bytes, as a file expects).
      Transform<String, ByteBuffer> encode = Transform.map(
          StreamOptions.objects().strategy(QueuingStrategy.bytes(), QueuingStrategy.count()), line -> {
            count[0]++;
            return ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
          });
      FileWriteStream dst = Fs.createWriteStream(file, WriteOptions.defaults().atomic(true));
      Pipeline.from(source).pipe(encode).to(dst).onComplete(e -> {
        ok[0] = e == null;
        if (e == null) {
          out.println("wrote " + count[0] + " lines, " + dst.bytesWritten() + " bytes to " + file);
        } else {
          err.println("FluxToFile: " + e.getMessage());
        }
      });
    });
    return ok[0];
  }
}
