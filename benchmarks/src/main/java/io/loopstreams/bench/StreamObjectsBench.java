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
 * Object-mode throughput, workloads (a) and (b) of {@code benchmarks/run-stream-bench.sh}: one
 * operation moves {@code items} objects through {@code Readable.from → k × Transform → Writable}
 * ({@link StreamWorkloads#objects}); {@code fluxOneMap} is Reactor's Flux doing (a), the
 * ceiling. Seconds per operation; the script turns them into items/s.
 *
 * <p>{@code -XX:AutoBoxCacheMax=2048}: the items are small ints, which V8 keeps unboxed (smis);
 * the box cache gives Java the same allocation-free {@code x + 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:AutoBoxCacheMax=2048", "-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class StreamObjectsBench {

  @Param("10000000")
  public int items;

  /** (a) Readable.from → 1 map transform → Writable. */
  @Benchmark
  public long oneMap() {
    return StreamWorkloads.objects(items, 1);
  }

  /** (b) Readable.from → 3 map transforms → Writable. */
  @Benchmark
  public long threeMaps() {
    return StreamWorkloads.objects(items, 3);
  }

  /** (a) with Reactor: Flux.fromIterable → map → subscriber. */
  @Benchmark
  public long fluxOneMap() {
    return StreamWorkloads.flux(items);
  }
}
