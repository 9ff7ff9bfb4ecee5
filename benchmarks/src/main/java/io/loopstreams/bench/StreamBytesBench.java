package io.loopstreams.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Byte-stream throughput, workload (c) of {@code benchmarks/run-stream-bench.sh}: one operation
 * moves {@code bytes} in 64 KiB {@code ByteBuffer}s (duplicates of one buffer, no copy) through
 * 3 PassThroughs into a counting Writable ({@link StreamWorkloads#bytes}). Seconds per
 * operation; the script turns them into GiB/s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@State(Scope.Benchmark)
public class StreamBytesBench {

  @Param("4294967296")
  public long bytes;

  /** (c) 64 KiB buffers through 3 PassThroughs. */
  @Benchmark
  public long threePassThroughs() {
    return StreamWorkloads.bytes(bytes, 3);
  }
}
