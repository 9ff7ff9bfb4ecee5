package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-expresses Node's test-event-emitter-errors.js and test-event-emitter-error-monitor.js. */
class EventEmitterErrorsTest {
  static final Event<String> FOO = Event.of("foo");

  private final EventEmitter ee = new EventEmitter();
  private final List<String> calls = new ArrayList<>();

  @Test
  void errorWithNoListenerThrowsTheSameInstance() {
    IllegalStateException kaboom = new IllegalStateException("kaboom");

    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> ee.emit(EventEmitter.ERROR, kaboom));

    assertSame(kaboom, thrown);
  }

  @Test
  void jvmErrorWithNoListenerIsThrownAsIs() {
    AssertionError boom = new AssertionError("boom");

    assertSame(boom, assertThrows(AssertionError.class, () -> ee.emit(EventEmitter.ERROR, boom)));
  }

  @Test
  void checkedErrorWithNoListenerIsWrappedAsUnhandledError() {
    IOException io = new IOException("disk on fire");

    StreamException thrown = assertThrows(StreamException.class, () -> ee.emit(EventEmitter.ERROR, io));

    assertEquals(ErrorCode.ERR_UNHANDLED_ERROR, thrown.code());
    assertEquals("ERR_UNHANDLED_ERROR", thrown.codeName());
    assertEquals("Unhandled error. (disk on fire)", thrown.getMessage());
    assertSame(io, thrown.getCause());
  }

  @Test
  void errorMonitorRunsBeforeErrorListeners() {
    RuntimeException err = new RuntimeException("x");
    ee.on(EventEmitter.ERROR, e -> calls.add("error:" + e.getMessage()));
    ee.on(EventEmitter.ERROR_MONITOR, e -> calls.add("monitor:" + e.getMessage()));

    assertEquals(true, ee.emit(EventEmitter.ERROR, err));

    assertEquals(List.of("monitor:x", "error:x"), calls);
  }

  @Test
  void errorMonitorRunsThenTheErrorIsThrownWhenNoErrorListener() {
    RuntimeException err = new RuntimeException("x");
    ee.on(EventEmitter.ERROR_MONITOR, e -> calls.add("monitor:" + (e == err)));

    assertSame(err, assertThrows(RuntimeException.class, () -> ee.emit(EventEmitter.ERROR, err)));
    assertEquals(List.of("monitor:true"), calls);
  }

  @Test
  void errorListenerAddedByTheMonitorHandlesTheError() {
    ee.on(EventEmitter.ERROR_MONITOR, e -> ee.on(EventEmitter.ERROR, x -> calls.add("late:" + x.getMessage())));

    assertEquals(true, ee.emit(EventEmitter.ERROR, new RuntimeException("y")));
    assertEquals(List.of("late:y"), calls);
  }

  @Test
  void listenerExceptionPropagatesOutOfEmitAndSkipsTheRest() {
    RuntimeException boom = new RuntimeException("boom");
    ee.on(FOO, s -> calls.add("first"));
    ee.on(FOO, s -> {
      throw boom;
    });
    ee.on(FOO, s -> calls.add("third"));

    assertSame(boom, assertThrows(RuntimeException.class, () -> ee.emit(FOO, "x")));
    assertEquals(List.of("first"), calls);
  }
}
