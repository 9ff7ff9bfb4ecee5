package io.loopstreams.bench;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.worker.MessagePort;
import io.loopstreams.core.worker.Worker;
import java.util.Arrays;

/**
 * Message throughput from a loop to a worker's loop: the parent posts N small messages
 * (boxed ints), the worker counts them and answers once with the count. One line per run, then
 * the median, as messages per second; {@code benchmarks/node/worker-messages.js} does the same
 * with Node's worker_threads.
 *
 * <p>Usage: {@code WorkerMessagesMain [messages] [runs]} (default 2,000,000 and 7; the first two
 * runs warm up and are not counted).
 */
public final class WorkerMessagesMain {

  private WorkerMessagesMain() {
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    double[] rates = new double[runs - 2];
    for (int r = 0; r < runs; r++) {
      double rate = once(n);
      System.out.printf("run %d: %.0f msg/s%n", r + 1, rate);
      if (r >= 2) {
        rates[r - 2] = rate;
      }
    }
    Arrays.sort(rates);
    System.out.printf("loopstreams median: %.0f msg/s (%d messages per run)%n", rates[rates.length / 2], n);
  }

  private static double once(int n) {
    long[] elapsed = new long[1];
    EventLoop.run(loop -> {
      Worker w = Worker.start(ctx -> {
        int[] count = {0};
        ctx.parentPort().on(MessagePort.MESSAGE, (Object m) -> {
          if (++count[0] == n) {
            ctx.parentPort().postMessage(count[0]);
            ctx.parentPort().close();
          }
        });
      });
      long start = System.nanoTime();
      w.on(Worker.MESSAGE, (Object m) -> elapsed[0] = System.nanoTime() - start);
      Integer msg = 42;
      for (int i = 0; i < n; i++) {
        w.postMessage(msg);
      }
    });
    return n / (elapsed[0] / 1e9);
  }
}
