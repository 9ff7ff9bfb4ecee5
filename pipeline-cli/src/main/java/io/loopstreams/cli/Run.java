package io.loopstreams.cli;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.Timeout;
import io.loopstreams.core.monitor.LoopDelayMonitor;
import io.loopstreams.core.monitor.LoopMonitor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

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
  private Function<EventLoop, Promise<Void>> prepare;

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

  /**
   * A first step on the loop (recv: listen and accept a sender) that adds the transfers; they
   * start when it succeeds. Its failure ends the run and is thrown by {@link #execute}.
   */
  Run prepare(Function<EventLoop, Promise<Void>> step) {
    this.prepare = step;
    return this;
  }

  int execute() {
    long start = System.nanoTime();
    LoopDelayMonitor.Snapshot[] delay = new LoopDelayMonitor.Snapshot[1];
    Throwable[] failed = new Throwable[1];
    if (prepare == null) {
      transfers.forEach(Transfer::precheck);
    }
    EventLoop.run(loop -> {
      if (prepare == null) {
        begin(loop, delay);
        return;
      }
      prepare.apply(loop).onSettled((v, err) -> {
        if (err != null) {
          failed[0] = err;
        } else {
          transfers.forEach(Transfer::precheck); // the checks are quick (stat); the loop is idle here
          begin(loop, delay);
        }
      });
    });
    if (failed[0] != null) {
      Throwable e = ErrorText.unwrap(failed[0]);
      throw e instanceof RuntimeException re ? re : new CliFailure(null, ErrorText.of(e, null));
    }
    return report(start, delay[0]);
  }

  private void begin(EventLoop loop, LoopDelayMonitor.Snapshot[] delay) {
    boolean measure = common.stats || common.json;
    boolean anyRuns = transfers.stream().anyMatch(Transfer::accepted);
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
  }

  private int report(long start, LoopDelayMonitor.Snapshot delay) {
    PrintStream err = System.err;
    for (Transfer.Result r : results) {
      if (!r.ok()) {
        Main.reportFailure(command, r.error(), r.input(), common.debug);
      } else {
        onSuccess.accept(r);
      }
    }
    Summary summary = new Summary(command, results, System.nanoTime() - start, delay);
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
