package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-expresses Node's test-event-emitter-prepend.js. */
class EventEmitterPrependTest {
  static final Event<Void> FOO = Event.of("foo");

  @Test
  void prependedListenersRunBeforeEarlierOnesAndPrependedOnceRunsOnce() {
    EventEmitter ee = new EventEmitter();
    List<Integer> calls = new ArrayList<>();
    ee.on(FOO, () -> calls.add(3));
    ee.prependListener(FOO, () -> calls.add(2));
    ee.prependOnceListener(FOO, () -> calls.add(1));

    ee.emit(FOO);
    ee.emit(FOO);

    assertEquals(List.of(1, 2, 3, 2, 3), calls);
  }

  @Test
  void prependToAnEventWithOneListenerPutsTheNewOneFirst() {
    EventEmitter ee = new EventEmitter();
    Runnable a = () -> { };
    Runnable b = () -> { };
    ee.on(FOO, a);
    ee.prependListener(FOO, b);

    assertEquals(List.of(b, a), ee.listeners(FOO));
  }
}
