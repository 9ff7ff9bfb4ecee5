package io.loopstreams.cli;

import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar on stderr: bytes, percent, rate, ETA (when the total is known) and the
 * output/input ratio. Drawn only when asked or when stderr is a terminal (never piped, never
 * under {@code CI}: progressbar itself would write {@code \r} frames into a pipe). The loop
 * samples the counters; progressbar's own thread redraws.
 */
final class Progress implements AutoCloseable {

  private final ProgressBar bar;
  private final LongSupplier in;
  private final LongSupplier out;

  private Progress(ProgressBar bar, LongSupplier in, LongSupplier out) {
    this.bar = bar;
    this.in = in;
    this.out = out;
  }

  /** A bar, or null when progress is off. {@code total} is -1 when unknown. */
  static Progress start(String task, long total, LongSupplier in, LongSupplier out) {
    int width = -1;
    String columns = System.getenv("COLUMNS");
    if (columns != null && columns.matches("\\d{2,4}")) {
      width = Integer.parseInt(columns);
    }
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit("MiB", 1 << 20)
        .showSpeed()
        .setUpdateIntervalMillis(200)
        .setConsumer(new ConsoleProgressBarConsumer(System.err, width))
        .build();
    return new Progress(bar, in, out);
  }

  /** Copies the counters into the bar (loop thread). */
  void sample() {
    long read = in.getAsLong();
    long written = out.getAsLong();
    bar.stepTo(read);
    if (read > 0) {
      bar.setExtraMessage(String.format(" ratio %.2f", (double) written / read));
    }
  }

  @Override
  public void close() {
    sample();
    bar.close();
  }
}
