package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's test-event-emitter-modify-in-emit.js: emit iterates the listeners it
 * saw when it started.
 */
class EventEmitterModifyInEmitTest {
  static final Event<String> FOO = Event.of("foo");

  private final EventEmitter ee = new EventEmitter();
  private final List<String> calls = new ArrayList<>();

  @Test
  void listenerAddedDuringEmitIsNotCalledInThatEmit() {
    Listener<String> callback2 = s -> calls.add("callback2");
    ee.on(FOO, s -> {
      calls.add("callback1");
      ee.on(FOO, callback2);
    });

    ee.emit(FOO, "x");
    assertEquals(List.of("callback1"), calls);
    assertEquals(2, ee.listenerCount(FOO));

    ee.emit(FOO, "x");
    assertEquals(List.of("callback1", "callback1", "callback2"), calls);
  }

  @Test
  void listenerRemovedDuringEmitIsStillCalledInThatEmit() {
    Listener<String> second = s -> calls.add("second");
    ee.on(FOO, s -> {
      calls.add("first");
      ee.off(FOO, second);
    });
    ee.on(FOO, second);

    ee.emit(FOO, "x");
    assertEquals(List.of("first", "second"), calls);

    ee.emit(FOO, "x");
    assertEquals(List.of("first", "second", "first"), calls);
  }

  @Test
  void removeAllListenersDuringEmitStillCallsTheWholeSnapshot() {
    ee.on(FOO, s -> {
      calls.add("a");
      ee.removeAllListeners(FOO);
    });
    ee.on(FOO, s -> calls.add("b"));
    ee.on(FOO, s -> calls.add("c"));

    assertEquals(true, ee.emit(FOO, "x"));
    assertEquals(List.of("a", "b", "c"), calls);
    assertEquals(false, ee.emit(FOO, "x"));
    assertEquals(List.of(), ee.eventNames());
  }

  @Test
  void singleListenerThatReplacesItselfDoesNotCallItsReplacement() {
    Listener<String> replacement = s -> calls.add("replacement");
    ee.on(FOO, new Listener<String>() {
      @Override
      public void on(String s) {
        calls.add("original");
        ee.off(FOO, this);
        ee.on(FOO, replacement);
      }
    });

    ee.emit(FOO, "x");
    ee.emit(FOO, "x");

    assertEquals(List.of("original", "replacement"), calls);
  }
}
