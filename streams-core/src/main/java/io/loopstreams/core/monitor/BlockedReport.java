package io.loopstreams.core.monitor;

import io.loopstreams.core.EventLoop;
import java.time.Duration;

/**
 * What a {@link LoopWatchdog} saw when one callback held an event loop longer than its threshold.
 *
 * @param loopName the loop's name
 * @param threadName the loop thread's name
 * @param blockedFor how long the watchdog has seen the callback hold the loop: at least the
 *     threshold, and short of the true time by up to one sampling period
 * @param threshold the watchdog's threshold
 * @param callback the number of the stuck callback ({@code EventLoop}'s count of callbacks started)
 * @param label the label set with {@link LoopMonitor#setLabel} on the loop thread; without one,
 *     the name of the stream whose hook (doRead, doWrite, doTransform...) was running; or null
 * @param stack the loop thread's stack when the report was made
 */
public record BlockedReport(String loopName, String threadName, Duration blockedFor, Duration threshold,
    long callback, String label, StackTraceElement[] stack) {

  /** A multi-line description with the stack, in the format of a thread dump. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder()
        .append("Event loop ").append(loopName).append(" (thread ").append(threadName)
        .append(") blocked for ").append(blockedFor.toMillis()).append(" ms by one callback (threshold ")
        .append(threshold.toMillis()).append(" ms)");
    if (label != null) {
      sb.append(" in '").append(label).append('\'');
    }
    for (StackTraceElement e : stack) {
      sb.append("\n\tat ").append(e);
    }
    return sb.toString();
  }
}
