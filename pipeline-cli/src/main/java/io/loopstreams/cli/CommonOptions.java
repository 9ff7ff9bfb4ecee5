package io.loopstreams.cli;

import picocli.CommandLine.Option;

/** The options every subcommand takes: progress, stats, JSON, threads, quiet, verbose, debug. */
final class CommonOptions {

  @Option(names = "--progress", negatable = true,
      description = "Show a progress bar on stderr (default: only when stderr is a terminal and CI is unset).")
  Boolean progress;

  @Option(names = "--stats", description = "Print per-stage bytes, rate, backpressure wait and loop delay at the end.")
  boolean stats;

  @Option(names = "--json", description = "Print one JSON summary (stdout, or stderr when the data goes to stdout).")
  boolean json;

  @Option(names = "--threads", paramLabel = "N", description = "Offload pool size (file and compression work).")
  Integer threads;

  @Option(names = {"-q", "--quiet"}, description = "No warnings, no progress.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "A line per file: name, ratio, what was written.")
  boolean verbose;

  @Option(names = "--debug", description = "Print the stack trace of a failure.")
  boolean debug;

  boolean progressOn() {
    if (quiet) {
      return false;
    }
    return progress != null ? progress : Tty.progressByDefault();
  }
}
