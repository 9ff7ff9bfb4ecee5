package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Timeout;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.fs.FileReadStream;
import io.loopstreams.fs.FileWriteStream;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.WriteOptions;
import io.loopstreams.zlib.Zlib;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * GzipFile's pair: {@code ./run-example GunzipFile FILE.gz} writes {@code FILE}, atomically,
 * printing a progress line (how much of the compressed input was read) every 200 ms and once at
 * the end. Inflating runs on the offload pool; the loop only moves chunks and prints.
 */
public final class GunzipFile {

  private GunzipFile() {
  }

  public static void main(String[] args) {
    if (args.length != 1 || !args[0].endsWith(".gz")) {
      System.err.println("usage: GunzipFile FILE.gz");
      System.exit(2);
    }
    System.exit(run(Path.of(args[0]), System.out, System.err) ? 0 : 1);
  }

  /** Decompresses {@code gz} next to it, without its ".gz"; true on success, the error on {@code err}. */
  static boolean run(Path gz, PrintStream out, PrintStream err) {
    String name = gz.toString();
    Path target = Path.of(name.substring(0, name.length() - ".gz".length()));
    boolean[] ok = {false};
    EventLoop.run(loop -> {
      long size = gz.toFile().length(); // 0 when missing: the read stream reports the error
      FileReadStream in = Fs.createReadStream(gz);
      FileWriteStream file = Fs.createWriteStream(target, WriteOptions.defaults().atomic(true));
      // The progress timer is unref'd: it never keeps the loop alive on its own.
      Timeout progress = loop.setInterval(() -> out.println(percent(in.bytesRead(), size)), 200).unref();
      Pipeline.from(in).pipe(Zlib.gunzip()).to(file).onComplete(e -> {
        loop.clearInterval(progress);
        ok[0] = e == null;
        if (e == null) {
          out.println(percent(in.bytesRead(), size));
          out.println("wrote " + target + ": " + file.bytesWritten() + " bytes from " + size + " compressed");
        } else {
          err.println("GunzipFile: " + e.getMessage());
        }
      });
    });
    return ok[0];
  }

  private static String percent(long read, long size) {
    return String.format("gunzip: %3d%% of %d compressed bytes read", size == 0 ? 100 : read * 100 / size, size);
  }
}
