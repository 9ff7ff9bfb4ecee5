package io.loopstreams.bench;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Pipeline;
import io.loopstreams.core.Readable;
import io.loopstreams.core.Stream;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.FileReadStream;
import io.loopstreams.fs.FileWriteStream;
import io.loopstreams.fs.ReadOptions;
import io.loopstreams.fs.WriteOptions;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Copies one file, for {@code benchmarks/run-fs-bench.sh}:
 * <pre>
 *   FsCopyMain stream SRC DST   # Pipeline.run(Fs.createReadStream, Fs.createWriteStream) through
 *                               # DATA events (the direct transfer is defeated on purpose)
 *   FsCopyMain direct SRC DST   # the same two streams, letting Pipeline use transferTo
 *   FsCopyMain copy SRC DST     # Fs.copy (transferTo)
 * </pre>
 * Prints the bytes copied and the wall time inside the JVM on stderr.
 */
public final class FsCopyMain {

  private FsCopyMain() {
  }

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: FsCopyMain stream|direct|copy SRC DST");
      System.exit(2);
    }
    String mode = args[0];
    Path src = Path.of(args[1]);
    Path dst = Path.of(args[2]);
    long t0 = System.nanoTime();
    long[] bytes = {0};
    Throwable[] failure = {null};
    EventLoop.run(loop -> {
      switch (mode) {
        case "stream", "direct" -> {
          // Defaults unless -Dbench.readHwm / -Dbench.writeHwm say otherwise.
          FileReadStream in = Fs.createReadStream(src, ReadOptions.defaults().highWaterMark(
              Long.getLong("bench.readHwm", ReadOptions.defaults().highWaterMark())));
          FileWriteStream out = Fs.createWriteStream(dst, WriteOptions.defaults().highWaterMark(
              Long.getLong("bench.writeHwm", WriteOptions.defaults().highWaterMark())));
          Readable<ByteBuffer> source = in;
          if (mode.equals("stream")) {
            // A pass-through DATA observer makes the pipeline pipe chunks instead of transferTo.
            source.on(Stream.DATA, c -> { });
            source.pause();
          }
          Pipeline.run(java.util.List.of(in, out), e -> {
            failure[0] = e;
            bytes[0] = out.bytesWritten();
          });
        }
        case "copy" -> Fs.copy(src, dst).onSettled((n, e) -> {
          failure[0] = e;
          bytes[0] = n == null ? 0 : n;
        });
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      }
    });
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (failure[0] != null) {
      failure[0].printStackTrace();
      System.exit(1);
    }
    System.err.println(mode + ": " + bytes[0] + " bytes in " + ms + " ms");
  }
}
