package io.loopstreams.bench;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Timeout;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.fs.Fs;
import io.loopstreams.zlib.Zlib;
import io.loopstreams.zlib.ZlibOptions;
import io.loopstreams.zlib.ZstdOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One file through one zlib stage, for {@code benchmarks/run-zlib-bench.sh}:
 * <pre>
 *   ZlibBenchMain gzip LEVEL P SRC DST   # P = 0: single stream; P ≥ 1: parallel blocks
 *   ZlibBenchMain gunzip SRC DST
 *   ZlibBenchMain zstd LEVEL SRC DST
 * </pre>
 * While it runs, a 1 ms interval timer measures the loop's delay (how late each tick fires);
 * prints {@code loopdelay p99=…ms max=…ms} on stderr at the end.
 */
public final class ZlibBenchMain {

  private ZlibBenchMain() {
  }

  public static void main(String[] args) {
    String mode = args[0];
    EventLoop.run(loop -> {
      Stream stage;
      int i;
      switch (mode) {
        case "gzip" -> {
          stage = Zlib.gzip(ZlibOptions.defaults().level(Integer.parseInt(args[1]))
              .parallelism(Integer.parseInt(args[2])));
          i = 3;
        }
        case "gunzip" -> {
          stage = Zlib.gunzip();
          i = 1;
        }
        case "zstd" -> {
          stage = Zlib.zstdCompress(ZstdOptions.defaults().level(Integer.parseInt(args[1])));
          i = 2;
        }
        default -> throw new IllegalArgumentException("usage: gzip LEVEL P | gunzip | zstd LEVEL, then SRC DST");
      }
      long[] delays = new long[1 << 22];
      int[] n = {0};
      long[] last = {System.nanoTime()};
      Timeout tick = loop.setInterval(() -> {
        long now = System.nanoTime();
        if (n[0] < delays.length) {
          delays[n[0]++] = Math.max(0, now - last[0] - 1_000_000L);
        }
        last[0] = now;
      }, 1);
      Pipeline.run(List.of(Fs.createReadStream(Path.of(args[i])), stage,
          Fs.createWriteStream(Path.of(args[i + 1]))), err -> {
            loop.clearInterval(tick);
            if (err != null) {
              err.printStackTrace();
              System.exit(1);
            }
            long[] d = Arrays.copyOf(delays, n[0]);
            Arrays.sort(d);
            long p99 = d.length == 0 ? 0 : d[(int) Math.min(d.length - 1, Math.ceil(d.length * 0.99) - 1)];
            long max = d.length == 0 ? 0 : d[d.length - 1];
            System.err.printf("loopdelay p99=%.2fms max=%.2fms samples=%d%n", p99 / 1e6, max / 1e6, d.length);
          });
    });
  }
}
