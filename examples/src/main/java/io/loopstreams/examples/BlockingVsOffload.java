package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.monitor.LoopDelayMonitor;
import io.loopstreams.core.monitor.LoopMonitor;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * CPU work blocks the loop; offload it. {@code ./run-example BlockingVsOffload [REQUESTS] [WORK_MS]}
 * (defaults 4 and 200): REQUESTS requests arrive together, each needing WORK_MS of CPU. First each
 * handler computes on the loop, then each hands the same work to the offload pool
 * ({@code loop.offload}). For both it prints when each response was ready and the loop delay
 * measured by {@link LoopMonitor} (how late a 5 ms timer fired): on the loop, request n waits for
 * the n - 1 before it and nothing else runs meanwhile; offloaded, the loop stays free.
 */
public final class BlockingVsOffload {

  private BlockingVsOffload() {
  }

  public static void main(String[] args) {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    long workMillis = args.length > 1 ? Long.parseLong(args[1]) : 200;
    System.out.println(requests + " requests arrive together, each needing " + workMillis + " ms of CPU");
    EventLoop.run(loop -> {
      LoopDelayMonitor delay = LoopMonitor.delay(loop, 5);
      delay.enable();
      round(loop, requests, delay, "on the loop:        ", w -> Promise.resolved(loop, work(workMillis)))
          .flatMap(x -> round(loop, requests, delay, "on the offload pool:", w -> loop.offload(() -> work(workMillis))))
          .doFinally(delay::disable);
    });
  }

  /** Serves {@code requests} at once with {@code handler}, then prints the response times and the loop delay. */
  private static Promise<Void> round(EventLoop loop, int requests, LoopDelayMonitor delay, String label,
      Function<Integer, Promise<Long>> handler) {
    delay.reset();
    long start = System.nanoTime();
    List<Promise<Long>> responses = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      int request = i;
      Promise.Resolvers<Long> response = Promise.withResolvers(loop);
      responses.add(response.promise());
      // Each request is its own callback, as each would be its own I/O event.
      loop.setImmediate(() -> handler.apply(request)
          .thenAccept(x -> response.resolve((System.nanoTime() - start) / 1_000_000)));
    }
    return Promise.all(loop, responses).flatMap(millis -> Promise.create(loop, (resolve, reject) ->
        // One more tick of the monitor, so that a late tick still due is recorded.
        loop.setTimeout(() -> {
          LoopDelayMonitor.Snapshot d = delay.snapshot();
          print(System.out, label, millis, d.percentileNanos(99) / 1e6, d.maxNanos() / 1e6);
          resolve.accept(null);
        }, 20)));
  }

  static void print(PrintStream out, String label, List<Long> millis, double p99, double max) {
    out.printf("%s responses after %s ms; loop delay p99 %.1f ms, max %.1f ms%n", label,
        millis.toString().replaceAll("[\\[\\]]", ""), p99, max);
  }

  /** CPU work: CRC-32 over a 64 KiB buffer until this thread has used {@code millis} of CPU time. */
  static long work(long millis) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long end = cpu.getCurrentThreadCpuTime() + millis * 1_000_000;
    CRC32 crc = new CRC32();
    byte[] block = new byte[64 * 1024];
    for (int i = 0; cpu.getCurrentThreadCpuTime() < end; i++) {
      block[i % block.length] = (byte) i;
      crc.update(block);
    }
    return crc.getValue();
  }
}
