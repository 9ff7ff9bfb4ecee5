package io.loopstreams.cli;

import io.loopstreams.core.monitor.LoopDelayMonitor;
import io.loopstreams.core.stream.StreamSnapshot;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-of-run report: the {@code --stats} table (per stage, summed over the files) and the
 * {@code --json} object (schema in docs/cli.md).
 */
final class Summary {

  private final String command;
  private final List<Transfer.Result> results;
  private final long nanos;
  private final LoopDelayMonitor.Snapshot delay;
  private final Map<String, Object> extra = new LinkedHashMap<>();

  Summary(String command, List<Transfer.Result> results, long nanos, LoopDelayMonitor.Snapshot delay) {
    this.command = command;
    this.results = results;
    this.nanos = nanos;
    this.delay = delay;
  }

  Summary put(String key, Object value) {
    extra.put(key, value);
    return this;
  }

  boolean ok() {
    return results.stream().allMatch(Transfer.Result::ok);
  }

  /** Stage counters summed by position and name over every transfer. */
  private List<StreamSnapshot> stages() {
    Map<String, StreamSnapshot> byStage = new LinkedHashMap<>();
    for (Transfer.Result r : results) {
      for (int i = 0; i < r.stages().size(); i++) {
        StreamSnapshot s = r.stages().get(i);
        byStage.merge(i + ":" + s.name(), s, (a, b) -> new StreamSnapshot(a.name(), a.state(),
            -1, -1, a.chunksIn() + b.chunksIn(), a.bytesIn() + b.bytesIn(),
            a.chunksOut() + b.chunksOut(), a.bytesOut() + b.bytesOut(),
            a.blockedMillis() + b.blockedMillis(), a.hookMillis() + b.hookMillis()));
      }
    }
    return new ArrayList<>(byStage.values());
  }

  void printStats(PrintStream err) {
    double secs = Math.max(nanos, 1) / 1e9;
    err.printf("%-32s %14s %14s %10s %12s %10s%n",
        "stage", "bytes in", "bytes out", "MiB/s", "blocked ms", "hook ms");
    for (StreamSnapshot s : stages()) {
      long bytes = Math.max(s.bytesIn(), s.bytesOut());
      err.printf("%-32s %14d %14d %10.1f %12d %10d%n", s.name(), s.bytesIn(), s.bytesOut(),
          bytes / secs / (1 << 20), s.blockedMillis(), s.hookMillis());
    }
    err.printf("elapsed %.3f s", secs);
    if (delay != null) {
      err.printf(", loop delay p50 %.2f ms, p99 %.2f ms, max %.2f ms", delay.percentileNanos(50) / 1e6,
          delay.percentileNanos(99) / 1e6, delay.maxNanos() / 1e6);
    }
    err.println();
  }

  String json(int exitCode) {
    long in = 0;
    long out = 0;
    List<Object> files = new ArrayList<>();
    for (Transfer.Result r : results) {
      in += r.bytesIn();
      out += r.bytesOut();
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("input", r.input());
      f.put("output", r.output());
      f.put("ok", r.ok());
      f.put("bytesIn", r.bytesIn());
      f.put("bytesOut", r.bytesOut());
      f.put("millis", r.nanos() / 1_000_000L);
      f.put("error", r.ok() ? null : ErrorText.of(r.error(), r.input()));
      files.add(f);
    }
    List<Object> stages = new ArrayList<>();
    for (StreamSnapshot s : stages()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", s.name());
      m.put("bytesIn", s.bytesIn());
      m.put("bytesOut", s.bytesOut());
      m.put("chunksIn", s.chunksIn());
      m.put("chunksOut", s.chunksOut());
      m.put("blockedMillis", s.blockedMillis());
      m.put("hookMillis", s.hookMillis());
      stages.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", command);
    root.put("ok", exitCode == 0);
    root.put("exitCode", exitCode);
    root.put("elapsedMillis", nanos / 1_000_000L);
    root.put("bytesIn", in);
    root.put("bytesOut", out);
    root.put("ratio", in == 0 ? null : (double) out / in);
    root.put("files", files);
    root.put("stages", stages);
    if (delay != null) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("p50Millis", delay.percentileNanos(50) / 1e6);
      d.put("p99Millis", delay.percentileNanos(99) / 1e6);
      d.put("maxMillis", delay.maxNanos() / 1e6);
      root.put("loopDelay", d);
    }
    root.putAll(extra);
    return Json.write(root);
  }
}
