package io.loopstreams.bench;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.PassThrough;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.core.stream.Writable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import reactor.core.publisher.Flux;

/**
 * The stream workloads of {@code benchmarks/run-stream-bench.sh}, shared by the JMH benchmarks
 * ({@link StreamObjectsBench}, {@link StreamBytesBench}) and {@link StreamMemoryMain}. The Node
 * scripts in {@code benchmarks/node/stream-*.js} do the same work with the same marks.
 *
 * <ul>
 *   <li>objects: {@code Readable.from(n items) → k × Transform(x → x + 1) → Writable(sum)}
 *   <li>bytes: a Readable pushing duplicates of one 64 KiB buffer → 3 × PassThrough →
 *       Writable(count), all with a 64 KiB mark
 *   <li>flux: Reactor's {@code Flux.fromIterable(n items).map(x → x + 1)} into a summing
 *       subscriber, the ceiling for the objects workload
 * </ul>
 */
public final class StreamWorkloads {

  /** The size of every byte chunk and the byte streams' mark. */
  public static final int CHUNK = 64 * 1024;

  private static final Integer[] POOL = new Integer[1024];

  static {
    for (int i = 0; i < POOL.length; i++) {
      POOL[i] = i;
    }
  }

  private StreamWorkloads() {
  }

  /** {@code n} boxed ints cycling through 0..1023 (no allocation in the source itself). */
  static Iterable<Integer> items(int n) {
    return () -> new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public Integer next() {
        if (i >= n) {
          throw new NoSuchElementException();
        }
        return POOL[i++ & 1023];
      }
    };
  }

  /** Objects through {@code transforms} map stages; returns the sum the sink saw. */
  public static long objects(int n, int transforms) {
    long[] sum = {0};
    Throwable[] failure = {null};
    EventLoop.run(loop -> {
      List<Stream> stages = new ArrayList<>();
      stages.add(Readable.from(items(n)));
      for (int i = 0; i < transforms; i++) {
        stages.add(Transform.<Integer, Integer>map(StreamOptions.objects(), x -> x + 1));
      }
      stages.add(Writable.<Integer>create(StreamOptions.objects(), (x, cb) -> {
        sum[0] += x;
        cb.done(null);
      }));
      Pipeline.run(stages, e -> failure[0] = e);
    });
    check(failure[0]);
    return sum[0];
  }

  /** Reactor's Flux doing the objects workload with one map. */
  public static long flux(int n) {
    long[] sum = {0};
    Flux.fromIterable(items(n)).map(x -> x + 1).subscribe(x -> sum[0] += x);
    return sum[0];
  }

  /** A readable pushing duplicates of one 64 KiB buffer until {@code total} bytes. */
  static final class RepeatingSource extends Readable<ByteBuffer> {
    private final ByteBuffer chunk;
    private long left;

    RepeatingSource(long total) {
      super(StreamOptions.bytes().highWaterMark(CHUNK));
      this.chunk = ByteBuffer.allocate(CHUNK);
      this.left = total / CHUNK;
    }

    @Override
    protected void doRead(long size) {
      while (left > 0) {
        left--;
        if (!push(chunk.duplicate())) {
          return;
        }
      }
      push(null);
    }
  }

  /** {@code total} bytes in 64 KiB chunks through {@code stages} PassThroughs; returns bytes seen. */
  public static long bytes(long total, int stages) {
    long[] seen = {0};
    Throwable[] failure = {null};
    EventLoop.run(loop -> {
      List<Stream> list = new ArrayList<>();
      list.add(new RepeatingSource(total));
      for (int i = 0; i < stages; i++) {
        list.add(new PassThrough<ByteBuffer>(StreamOptions.bytes().highWaterMark(CHUNK)));
      }
      list.add(Writable.<ByteBuffer>create(StreamOptions.bytes().highWaterMark(CHUNK), (b, cb) -> {
        seen[0] += b.remaining();
        cb.done(null);
      }));
      Pipeline.run(list, (Callback) e -> failure[0] = e);
    });
    check(failure[0]);
    return seen[0];
  }

  private static void check(Throwable failure) {
    if (failure != null) {
      throw new IllegalStateException("pipeline failed", failure);
    }
  }

  /**
   * The CPU-time side of {@code run-stream-bench.sh}, in the Node scripts' format: {@code
   * StreamWorkloads objects-1|objects-3|flux-1|bytes-3 COUNT RUNS [REPS]} prints one JSON line
   * with the wall seconds and the process CPU seconds of each run. A run repeats the workload
   * {@code REPS} times (default 1) and reports the time of one: the process CPU clock ticks in
   * 10 ms steps, too coarse for a 30 ms workload.
   */
  public static void main(String[] args) {
    String workload = args.length > 0 ? args[0] : "objects-1";
    long count = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int reps = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    List<String> wall = new ArrayList<>();
    List<String> cpu = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      long result = 0;
      for (int i = 0; i < reps; i++) {
        result += switch (workload) {
          case "objects-1" -> objects((int) count, 1);
          case "objects-3" -> objects((int) count, 3);
          case "flux-1" -> flux((int) count);
          case "bytes-3" -> bytes(count, 3);
          default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
      }
      wall.add(String.valueOf((System.nanoTime() - t0) / 1e9 / reps));
      cpu.add(String.valueOf((os.getProcessCpuTime() - c0) / 1e9 / reps));
      if (result == 0) {
        throw new IllegalStateException("no result");
      }
    }
    String size = workload.startsWith("bytes") ? "\"total\":" + count : "\"n\":" + count;
    System.out.println("{\"workload\":\"" + workload + "\"," + size + ",\"seconds\":" + wall
        + ",\"cpu\":" + cpu + "}");
  }
}
