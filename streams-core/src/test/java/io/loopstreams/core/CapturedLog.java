package io.loopstreams.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what a class logs through {@link System.Logger} (backed by java.util.logging in the
 * tests) for the duration of a try-with-resources block.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

  private final Logger logger;
  private final Level previousLevel;
  final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private CapturedLog(Class<?> source) {
    logger = Logger.getLogger(source.getName());
    previousLevel = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  public static CapturedLog of(Class<?> source) {
    return new CapturedLog(source);
  }

  /** Messages of the records at {@code level}. */
  public List<String> messages(Level level) {
    return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previousLevel);
  }
}
