package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's test-event-emitter-listeners-side-effects.js and
 * test-event-emitter-listener-count.js: inspection returns copies and never disturbs the table.
 */
class EventEmitterListenersSideEffectsTest {
  static final Event<String> FOO = Event.of("foo");
  static final Event<String> BAR = Event.of("bar");

  @Test
  void listenersReturnsACopyThatLaterChangesDoNotAffect() {
    EventEmitter ee = new EventEmitter();
    Listener<String> a = s -> { };
    Listener<String> b = s -> { };

    assertEquals(List.of(), ee.listeners(FOO));
    ee.on(FOO, a);
    List<Object> one = ee.listeners(FOO);
    ee.on(FOO, b);
    List<Object> two = ee.listeners(FOO);
    ee.off(FOO, a);

    assertEquals(List.of(a), one);
    assertEquals(List.of(a, b), two);
    assertEquals(List.of(b), ee.listeners(FOO));
    assertThrows(UnsupportedOperationException.class, () -> two.clear());
  }

  @Test
  void listenersAndCountIncludeOnceListenersUnwrapped() {
    EventEmitter ee = new EventEmitter();
    Listener<String> a = s -> { };
    Runnable b = () -> { };
    ee.once(FOO, a);
    ee.once(FOO, b);

    assertEquals(List.of(a, b), ee.listeners(FOO));
    assertEquals(2, ee.listenerCount(FOO));
    assertEquals(0, ee.listenerCount(BAR));
  }

  @Test
  void eventNamesKeepFirstRegistrationOrderAndDropEventsWithNoListeners() {
    EventEmitter ee = new EventEmitter();
    Listener<String> l = s -> { };
    ee.on(FOO, l);
    ee.on(BAR, l);
    ee.on(FOO, l);
    assertEquals(List.of(FOO, BAR), ee.eventNames());

    ee.off(FOO, l);
    ee.off(FOO, l);
    assertEquals(List.of(BAR), ee.eventNames());

    ee.on(FOO, l);
    assertEquals(List.of(BAR, FOO), ee.eventNames());
  }

  @Test
  void eventKeysWithTheSameNameAreDistinctEvents() {
    EventEmitter ee = new EventEmitter();
    Event<String> otherFoo = Event.of("foo");
    ee.on(FOO, s -> { });

    assertEquals(0, ee.listenerCount(otherFoo));
    assertEquals(false, ee.emit(otherFoo, "x"));
    assertEquals("foo", otherFoo.toString());
  }
}
