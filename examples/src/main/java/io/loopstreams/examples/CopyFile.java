package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.fs.FileReadStream;
import io.loopstreams.fs.FileWriteStream;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.WriteOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Copies a file with a two-stage pipeline: {@code ./run-example CopyFile SOURCE DESTINATION}.
 * The destination is written atomically (temporary file, fsync, rename), so it is either the
 * old file or the complete copy; file → file pipelines move the bytes with {@code transferTo}.
 */
public final class CopyFile {

  private CopyFile() {
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: CopyFile SOURCE DESTINATION");
      System.exit(2);
    }
    boolean ok = run(Path.of(args[0]), Path.of(args[1]), System.out, System.err);
    System.exit(ok ? 0 : 1);
  }

  /**
   * Copies {@code source} to {@code destination}, reporting on {@code out} (an error on
   * {@code err}); true on success.
   */
  static boolean run(Path source, Path destination, PrintStream out, PrintStream err) {
    boolean[] ok = {false};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(source);
      FileWriteStream dst = Fs.createWriteStream(destination, WriteOptions.defaults().atomic(true));
      Pipeline.run(List.of(in, dst), e -> {
        if (e == null) {
          ok[0] = true;
          out.println("copied " + dst.bytesWritten() + " bytes to " + destination);
        } else {
          err.println("CopyFile: " + e.getMessage());
        }
      });
    });
    return ok[0];
  }
}
