package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.WriteOptions;
import io.loopstreams.zlib.Zlib;
import io.loopstreams.zlib.ZlibOptions;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The README's example: {@code ./run-example GzipFile FILE} writes {@code FILE.gz} with pigz's
 * method (blocks compressed on the offload pool, one standard gzip member), atomically: the
 * output is complete or absent, never half-written.
 */
public final class GzipFile {

  private GzipFile() {
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: GzipFile FILE");
      System.exit(2);
    }
    System.exit(run(Path.of(args[0]), System.out, System.err) ? 0 : 1);
  }

  /** Compresses {@code in} to {@code in.gz}; true on success, the error on {@code err} if not. */
  static boolean run(Path in, PrintStream out, PrintStream err) {
    Path gz = Path.of(in + ".gz");
    boolean[] ok = {false};
    EventLoop.run(loop -> Pipeline.from(Fs.createReadStream(in))
        .pipe(Zlib.gzip(ZlibOptions.defaults().level(6).parallelism(2)))
        .to(Fs.createWriteStream(gz, WriteOptions.defaults().atomic(true)))
        .onComplete(e -> {
          ok[0] = e == null;
          if (e == null) {
            out.println("wrote " + gz);
          } else {
            err.println("GzipFile: " + e.getMessage());
          }
        }));
    return ok[0];
  }
}
