package io.loopstreams.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory benchmark of {@code benchmarks/run-memory-bench.sh}: pushes {@code GIB} GiB of
 * 64 KiB buffers through 3 PassThroughs ({@link StreamWorkloads#bytes}) and reports the peak
 * heap and the peak resident set, to show that memory follows the high-water marks, not the
 * input size. Run it with a small heap ({@code -Xmx64m}): it fails with an OutOfMemoryError
 * if anything buffers the input.
 *
 * <pre>
 *   java -Xmx64m -cp benchmarks/target/benchmarks.jar io.loopstreams.bench.StreamMemoryMain 4
 * </pre>
 * Prints one line: {@code gib=4 seconds=... peakHeapMiB=... heapMaxMiB=... vmHwmMiB=...}.
 * {@code peakHeapMiB} is the sum of the heap pools' peak usages (eden + survivor + old, each
 * at its own peak: an upper bound of the real peak); {@code vmHwmMiB} is the process's peak RSS
 * ({@code VmHWM} in {@code /proc/self/status}), JVM code and metadata included.
 */
public final class StreamMemoryMain {

  private StreamMemoryMain() {
  }

  public static void main(String[] args) throws IOException {
    long gib = args.length > 0 ? Long.parseLong(args[0]) : 4;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long t0 = System.nanoTime();
    long seen = StreamWorkloads.bytes(gib << 30, 3);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (seen != gib << 30) {
      throw new IllegalStateException("saw " + seen + " bytes of " + (gib << 30));
    }
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    long heapMax = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    System.out.printf("gib=%d seconds=%.2f peakHeapMiB=%.1f heapMaxMiB=%.0f vmHwmMiB=%.1f%n", gib,
        seconds, peakHeap / 1048576.0, heapMax / 1048576.0, vmHwmKib() / 1024.0);
  }

  /** {@code VmHWM} of {@code /proc/self/status} in KiB, or -1 where there is no procfs. */
  static long vmHwmKib() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
