package io.loopstreams.bench;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.buffer.BufferPool;
import io.loopstreams.core.stream.ChunkObserver;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.fs.FileReadStream;
import io.loopstreams.fs.FileWriteStream;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.ReadOptions;
import io.loopstreams.fs.WriteOptions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Copies one file, for {@code benchmarks/run-fs-bench.sh}:
 * <pre>
 *   FsCopyMain stream SRC DST   # Pipeline.run(Fs.createReadStream, Fs.createWriteStream) through
 *                               # DATA events (the direct transfer is defeated on purpose by a
 *                               # byte-counting DATA observer)
 *   FsCopyMain direct SRC DST   # the same two streams, letting Pipeline use transferTo
 *   FsCopyMain copy SRC DST     # Fs.copy (transferTo)
 *   FsCopyMain all SRC DST      # the three in turn (a training run for a class-data archive)
 * </pre>
 * Prints the bytes copied, the wall time inside the JVM and the shared buffer pool's counters
 * on stderr. {@code -Dbench.readHwm}
 * and {@code -Dbench.writeHwm} override the streams' marks.
 */
public final class FsCopyMain {

  private FsCopyMain() {
  }

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: FsCopyMain stream|direct|copy|all SRC DST");
      System.exit(2);
    }
    Path src = Path.of(args[1]);
    Path dst = Path.of(args[2]);
    List<String> modes = args[0].equals("all") ? List.of("copy", "stream", "direct") : List.of(args[0]);
    for (String mode : modes) {
      if (!run(mode, src, dst)) {
        System.exit(1);
      }
    }
  }

  private static boolean run(String mode, Path src, Path dst) {
    long t0 = System.nanoTime();
    long[] bytes = {0};
    Throwable[] failure = {null};
    EventLoop.run(loop -> {
      switch (mode) {
        case "stream", "direct" -> {
          FileReadStream in = Fs.createReadStream(src, ReadOptions.defaults().highWaterMark(
              Long.getLong("bench.readHwm", ReadOptions.defaults().highWaterMark())));
          FileWriteStream out = Fs.createWriteStream(dst, WriteOptions.defaults().highWaterMark(
              Long.getLong("bench.writeHwm", WriteOptions.defaults().highWaterMark())));
          Readable<ByteBuffer> source = in;
          long[] observed = {0};
          if (mode.equals("stream")) {
            // A DATA observer makes the pipeline pipe chunks instead of using transferTo. It counts
            // bytes and keeps no chunk (a ChunkObserver, as a progress bar would be), so the
            // source's pooled blocks still go back to the pool once written.
            source.on(Stream.DATA, (ChunkObserver<Object>) c -> observed[0] += ((ByteBuffer) c).remaining());
            source.pause();
          }
          Pipeline.run(List.of(in, out), e -> {
            failure[0] = e;
            bytes[0] = out.bytesWritten();
            if (e == null && mode.equals("stream") && observed[0] != bytes[0]) {
              failure[0] = new IllegalStateException("observed " + observed[0] + " bytes, wrote " + bytes[0]);
            }
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
      return false;
    }
    System.err.println(mode + ": " + bytes[0] + " bytes in " + ms + " ms; " + BufferPool.shared());
    return true;
  }
}
