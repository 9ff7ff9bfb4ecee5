package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-expresses Node's test-event-emitter-once.js. */
class EventEmitterOnceTest {
  static final Event<String> HELLO = Event.of("hello");
  static final Event<Void> FOO = Event.of("foo");

  private final EventEmitter ee = new EventEmitter();
  private final List<String> calls = new ArrayList<>();

  @Test
  void onceListenerFiresOnlyOnceAcrossEmits() {
    ee.once(HELLO, s -> calls.add("hello:" + s));

    assertEquals(true, ee.emit(HELLO, "a"));
    assertEquals(false, ee.emit(HELLO, "b"));
    assertEquals(false, ee.emit(HELLO, "c"));

    assertEquals(List.of("hello:a"), calls);
    assertEquals(0, ee.listenerCount(HELLO));
  }

  @Test
  void onceListenerCanBeRemovedByTheOriginalBeforeItFires() {
    Runnable remove = () -> calls.add("remove");
    ee.once(FOO, remove);
    ee.off(FOO, remove);

    assertEquals(false, ee.emit(FOO));
    assertEquals(List.of(), calls);
  }

  @Test
  void onceListenerThatReEmitsTheSameEventIsNotCalledAgain() {
    int[] times = {0};
    ee.once(FOO, () -> {
      times[0]++;
      ee.emit(FOO);
    });

    ee.emit(FOO);

    assertEquals(1, times[0]);
  }

  @Test
  void onceListenerFiredByANestedEmitIsSkippedByTheOuterSnapshot() {
    ee.once(FOO, () -> {
      calls.add("a");
      ee.emit(FOO); // B runs here, from the nested snapshot
    });
    ee.once(FOO, () -> calls.add("b"));

    ee.emit(FOO); // the outer snapshot still holds B's wrapper; its fired guard skips it

    assertEquals(List.of("a", "b"), calls);
  }

  @Test
  void onceListenerIsRemovedAndReportedBeforeItRuns() {
    Listener<String> listener = s -> calls.add("listener:count=" + ee.listenerCount(HELLO));
    ee.on(EventEmitter.REMOVE_LISTENER, change -> calls.add("removeListener:" + (change.listener() == listener)));
    ee.once(HELLO, listener);

    ee.emit(HELLO, "x");

    assertEquals(List.of("removeListener:true", "listener:count=0"), calls);
  }

  @Test
  void onceAndOnListenersKeepRegistrationOrder() {
    ee.on(HELLO, s -> calls.add("on1"));
    ee.once(HELLO, s -> calls.add("once"));
    ee.on(HELLO, s -> calls.add("on2"));

    ee.emit(HELLO, "x");
    ee.emit(HELLO, "x");

    assertEquals(List.of("on1", "once", "on2", "on1", "on2"), calls);
  }
}
