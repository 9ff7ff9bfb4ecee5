package io.loopstreams.bench;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.JavaIo;
import io.loopstreams.core.stream.PassThrough;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.StreamOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * {@code benchmarks/run-javaio-memory.sh}: {@code GIB} GiB from a generating {@link InputStream}
 * through {@code JavaIo.readable → PassThrough → JavaIo.writable} into a counting {@link
 * OutputStream}, with a small heap. Prints {@code gib=.. seconds=.. peakHeapMiB=.. vmHwmMiB=..};
 * flat memory means the same peaks for 1 and 4 GiB (an OutOfMemoryError under {@code -Xmx64m}
 * if anything buffered the input).
 */
public final class JavaIoMemoryMain {

  private JavaIoMemoryMain() {
  }

  public static void main(String[] args) throws IOException {
    long size = (args.length > 0 ? Long.parseLong(args[0]) : 1) << 30;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long[] written = {0};
    InputStream in = new InputStream() {
      long left = size;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left == 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        left -= n;
        return n;
      }
    };
    OutputStream out = new OutputStream() {
      @Override
      public void write(int b) {
        written[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        written[0] += len;
      }
    };
    long t0 = System.nanoTime();
    EventLoop.run(loop -> Pipeline.from(JavaIo.readable(in))
        .pipe(new PassThrough<>(StreamOptions.bytes()))
        .to(JavaIo.writable(out)));
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (written[0] != size) {
      throw new IllegalStateException("wrote " + written[0] + " of " + size);
    }
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("gib=%d seconds=%.2f peakHeapMiB=%.1f vmHwmMiB=%.1f%n", size >> 30, seconds,
        peakHeap / 1048576.0, StreamMemoryMain.vmHwmKib() / 1024.0);
  }
}
