package io.loopstreams.bench;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The event loop's raw throughput, side by side with {@code benchmarks/node/loop-bench.js}, which
 * does the same work in Node (run both with {@code benchmarks/run-loop-bench.sh}). Each
 * invocation does the whole job; JMH reports operations (callbacks, continuations, tasks) per
 * second.
 *
 * <ul>
 *   <li>{@link #immediateChain}: 10M {@code setImmediate} callbacks, each scheduling the next (one
 *       loop iteration per callback);
 *   <li>{@link #promiseChain}: 10M promise continuations, each creating the next:
 *       {@code step(i) = Promise.resolve(i).then(v => v < N ? step(v + 1) : done(v))};
 *   <li>{@link #executeFromAnotherThread}: 1M {@code execute()} calls from the benchmark thread to
 *       a started loop, timed until the loop has run them all.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LoopBenchmarks {

  static final int CHAIN = 10_000_000;
  static final int TASKS = 1_000_000;

  @Benchmark
  @OperationsPerInvocation(CHAIN)
  public int immediateChain() {
    int[] n = {0};
    EventLoop.run(loop -> loop.setImmediate(new Runnable() {
      @Override
      public void run() {
        if (++n[0] < CHAIN) {
          loop.setImmediate(this);
        }
      }
    }));
    if (n[0] != CHAIN) {
      throw new AssertionError("ran " + n[0]);
    }
    return n[0];
  }

  @Benchmark
  @OperationsPerInvocation(CHAIN)
  public int promiseChain() {
    int[] last = {0};
    EventLoop.run(loop -> step(loop, 1, last));
    if (last[0] != CHAIN) {
      throw new AssertionError("reached " + last[0]);
    }
    return last[0];
  }

  private static void step(EventLoop loop, int i, int[] last) {
    Promise.resolved(loop, i).thenAccept(v -> {
      if (v < CHAIN) {
        step(loop, v + 1, last);
      } else {
        last[0] = v;
      }
    });
  }

  /** A loop on its own thread, alive for the whole trial. */
  @State(Scope.Benchmark)
  public static class StartedLoop {
    EventLoop loop;

    @Setup(Level.Trial)
    public void start() {
      loop = EventLoop.create("bench").start();
    }

    @TearDown(Level.Trial)
    public void stop() {
      loop.close();
    }
  }

  /** Counts tasks on the loop thread; the last one releases the submitter. */
  static final class Tally {
    final CountDownLatch done = new CountDownLatch(1);
    long sum; // loop thread only
    int ran; // loop thread only

    void add(int value) {
      sum += value;
      if (++ran == TASKS) {
        done.countDown();
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public long executeFromAnotherThread(StartedLoop s) throws InterruptedException {
    EventLoop loop = s.loop;
    Tally tally = new Tally();
    for (int i = 0; i < TASKS; i++) {
      int value = i; // a task per submission, like a message per postMessage
      loop.execute(() -> tally.add(value));
    }
    if (!tally.done.await(60, TimeUnit.SECONDS)) {
      throw new AssertionError("tasks did not all run");
    }
    return tally.sum;
  }
}
