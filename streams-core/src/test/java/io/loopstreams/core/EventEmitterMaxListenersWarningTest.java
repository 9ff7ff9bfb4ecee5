package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's test-event-emitter-max-listeners-warning.js,
 * test-event-emitter-max-listeners.js and test-event-emitter-check-listener-leaks.js.
 */
class EventEmitterMaxListenersWarningTest {
  static final Event<Void> FOO = Event.of("event-type");
  static final Event<Void> BAR = Event.of("bar");

  /** Captures the leak warning instead of logging it. */
  static final class Leaky extends EventEmitter {
    final List<String> warnings = new ArrayList<>();

    @Override
    void warn(String message) {
      warnings.add(message);
    }
  }

  private final int savedDefault = EventEmitter.getDefaultMaxListeners();

  @AfterEach
  void restoreDefault() {
    EventEmitter.setDefaultMaxListeners(savedDefault);
  }

  private static void addListeners(EventEmitter ee, Event<Void> event, int n) {
    for (int i = 0; i < n; i++) {
      ee.on(event, () -> { });
    }
  }

  @Test
  void exceedingMaxListenersWarnsOncePerEventName() {
    Leaky ee = new Leaky();
    ee.setMaxListeners(1);

    addListeners(ee, FOO, 3);
    addListeners(ee, BAR, 2);

    assertEquals(List.of(
        "Possible EventEmitter memory leak detected. 2 event-type listeners added to [Leaky]. "
            + "MaxListeners is 1. Use emitter.setMaxListeners() to increase limit",
        "Possible EventEmitter memory leak detected. 2 bar listeners added to [Leaky]. "
            + "MaxListeners is 1. Use emitter.setMaxListeners() to increase limit"),
        ee.warnings);
  }

  @Test
  void defaultOfTenWarnsOnTheEleventhListenerOnly() {
    Leaky ee = new Leaky();
    assertEquals(10, ee.getMaxListeners());

    addListeners(ee, FOO, 10);
    assertEquals(List.of(), ee.warnings);
    addListeners(ee, FOO, 5);

    assertEquals(1, ee.warnings.size());
    assertEquals(true, ee.warnings.get(0).contains("11 event-type listeners added"));
  }

  @Test
  void zeroDisablesTheWarning() {
    Leaky ee = new Leaky();
    ee.setMaxListeners(0);

    addListeners(ee, FOO, 100);

    assertEquals(List.of(), ee.warnings);
  }

  @Test
  void defaultMaxListenersAppliesToEmittersWithoutTheirOwnLimit() {
    Leaky ee = new Leaky();
    Leaky own = new Leaky();
    own.setMaxListeners(5);
    EventEmitter.setDefaultMaxListeners(1);

    addListeners(ee, FOO, 2);
    addListeners(own, FOO, 2);

    assertEquals(1, ee.getMaxListeners());
    assertEquals(1, ee.warnings.size());
    assertEquals(List.of(), own.warnings);
  }

  @Test
  void negativeLimitsAreOutOfRange() {
    EventEmitter ee = new EventEmitter();
    StreamException e = assertThrows(StreamException.class, () -> ee.setMaxListeners(-1));
    assertEquals(ErrorCode.ERR_OUT_OF_RANGE, e.code());
    assertEquals("The value of \"setMaxListeners\" is out of range. It must be >= 0. Received -1", e.getMessage());

    StreamException d = assertThrows(StreamException.class, () -> EventEmitter.setDefaultMaxListeners(-2));
    assertEquals("The value of \"defaultMaxListeners\" is out of range. It must be >= 0. Received -2", d.getMessage());
  }

  @Test
  void warningIsLoggedThroughSystemLoggerAtWarningLevel() {
    Logger jul = Logger.getLogger("io.loopstreams.core.EventEmitter"); // strong ref while testing
    List<LogRecord> records = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    boolean parents = jul.getUseParentHandlers();
    jul.addHandler(handler);
    jul.setUseParentHandlers(false);
    try {
      EventEmitter ee = new EventEmitter();
      ee.setMaxListeners(1);
      addListeners(ee, FOO, 3);
    } finally {
      jul.removeHandler(handler);
      jul.setUseParentHandlers(parents);
    }

    assertEquals(1, records.size());
    assertEquals(Level.WARNING, records.get(0).getLevel());
    assertEquals("Possible EventEmitter memory leak detected. 2 event-type listeners added to [EventEmitter]. "
        + "MaxListeners is 1. Use emitter.setMaxListeners() to increase limit", records.get(0).getMessage());
  }
}
