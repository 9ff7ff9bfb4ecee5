package io.loopstreams.cli;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Timeout;
import io.loopstreams.core.monitor.LoopDelayMonitor;
import io.loopstreams.core.monitor.LoopMonitor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a command's transfers on one event loop, at most {@code concurrency} at a time, with the
 * progress bar, then prints the per-file lines, {@code --stats} and {@code --json}. A failed
 * transfer does not stop the others (gzip's habit); the exit code is 1 if any failed.
 */
final class Run {

  private final String command;
  private final CommonOptions common;
  private final List<Transfer> transfers;
  private int concurrency = 1;
  private Consumer<Transfer.Result> onSuccess = r -> { };
  private Consumer<Summary> decorate = s -> { };

  // loop thread only
  private final List<Transfer.Result> results = new ArrayList<>();
  private int next;

  Run(String command, CommonOptions common, List<Transfer> transfers) {
    this.command = command;
    this.common = common;
    this.transfers = transfers;
  }

  Run concurrency(int n) {
    this.concurrency = Math.max(1, n);
    return this;
  }

  /** Called on the main thread for each successful transfer, after the loop ended (e.g. -v). */
  Run onSuccess(Consumer<Transfer.Result> action) {
    this.onSuccess = action;
    return this;
  }

  /** Adds command-specific fields to the summary. */
  Run decorate(Consumer<Summary> action) {
    this.decorate = action;
    return this;
  }

  int execute() {
    long start = System.nanoTime();
    boolean measure = common.stats || common.json;
    LoopDelayMonitor.Snapshot[] delay = new LoopDelayMonitor.Snapshot[1];
    transfers.forEach(Transfer::precheck);
    boolean anyRuns = transfers.stream().anyMatch(Transfer::accepted);
    EventLoop.run(loop -> {
      LoopDelayMonitor monitor = measure ? LoopMonitor.delay(loop) : null;
      if (monitor != null) {
        monitor.enable();
      }
      Progress progress = common.progressOn() && anyRuns ? startProgress() : null;
      Timeout ticker = progress == null ? null : loop.setInterval(progress::sample, 200).unref();
      Runnable finish = () -> {
        if (ticker != null) {
          loop.clearInterval(ticker);
          progress.close();
        }
        if (monitor != null) {
          delay[0] = monitor.snapshot();
          monitor.close();
        }
      };
      for (int i = 0; i < Math.min(concurrency, transfers.size()); i++) {
        startNext(loop, finish);
      }
      if (transfers.isEmpty()) {
        finish.run();
      }
    });
    PrintStream err = System.err;
    for (Transfer.Result r : results) {
      if (!r.ok()) {
        Main.reportFailure(command, r.error(), r.input(), common.debug);
      } else {
        onSuccess.accept(r);
      }
    }
    Summary summary = new Summary(command, results, System.nanoTime() - start, delay[0]);
    decorate.accept(summary);
    int code = summary.ok() ? Main.OK : Main.FAILURE;
    if (common.stats) {
      summary.printStats(err);
    }
    if (common.json) {
      boolean dataOnStdout = transfers.stream().anyMatch(t -> t.out.kind() == Output.Kind.STDOUT);
      (dataOnStdout ? err : System.out).println(summary.json(code));
    }
    return code;
  }

  private void startNext(EventLoop loop, Runnable finish) {
    if (next >= transfers.size()) {
      return;
    }
    Transfer t = transfers.get(next++);
    t.start(loop).thenAccept(r -> {
      results.add(r);
      if (results.size() == transfers.size()) {
        finish.run();
      } else {
        startNext(loop, finish);
      }
    });
  }

  private Progress startProgress() {
    long total = 0;
    for (Transfer t : transfers) {
      long size = t.in.size();
      if (size < 0) {
        total = -1;
        break;
      }
      total += size;
    }
    List<Transfer> all = transfers;
    return Progress.start(command, total,
        () -> all.stream().mapToLong(Transfer::bytesIn).sum(),
        () -> all.stream().mapToLong(Transfer::bytesOut).sum());
  }
}
