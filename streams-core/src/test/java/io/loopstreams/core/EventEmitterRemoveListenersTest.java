package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-expresses Node's test-event-emitter-remove-listeners.js and test-event-emitter-remove-all-listeners.js. */
class EventEmitterRemoveListenersTest {
  static final Event<String> HELLO = Event.of("hello");
  static final Event<String> BAR = Event.of("bar");

  private final EventEmitter ee = new EventEmitter();
  private final List<String> log = new ArrayList<>();
  private final Listener<String> listener1 = s -> log.add("listener1");
  private final Listener<String> listener2 = s -> log.add("listener2");
  private final Listener<String> listener3 = s -> log.add("listener3");

  private void recordRemovals() {
    ee.on(EventEmitter.REMOVE_LISTENER, change -> log.add("removed:" + change.event() + ":" + name(change.listener())
        + ":count=" + ee.listenerCount(change.event())));
  }

  private String name(Object l) {
    return l == listener1 ? "1" : l == listener2 ? "2" : l == listener3 ? "3" : "?";
  }

  @Test
  void offRemovesTheMostRecentlyAddedMatchAndReportsAfterRemoval() {
    ee.on(HELLO, listener1);
    ee.on(HELLO, listener2);
    ee.on(HELLO, listener1);
    recordRemovals();

    ee.off(HELLO, listener1);

    assertEquals(List.of(listener1, listener2), ee.listeners(HELLO));
    assertEquals(List.of("removed:hello:1:count=2"), log);
  }

  @Test
  void offOfAListenerThatIsNotRegisteredChangesNothingAndReportsNothing() {
    ee.on(HELLO, listener1);
    recordRemovals();

    ee.off(HELLO, listener2);
    ee.off(BAR, listener2);

    assertEquals(List.of(listener1), ee.listeners(HELLO));
    assertEquals(List.of(), log);
  }

  @Test
  void runnableListenerIsRemovedByTheSameInstance() {
    Event<Void> tick = Event.of("tick");
    Runnable r = () -> log.add("tick");
    ee.on(tick, r);
    ee.off(tick, () -> log.add("tick")); // a different instance: no effect
    ee.emit(tick);
    ee.off(tick, r);

    assertEquals(false, ee.emit(tick));
    assertEquals(List.of("tick"), log);
  }

  @Test
  void removeAllListenersForOneEventGoesLastInFirstOut() {
    ee.on(HELLO, listener1);
    ee.on(HELLO, listener2);
    ee.once(HELLO, listener3);
    ee.on(BAR, listener1);
    recordRemovals();

    ee.removeAllListeners(HELLO);

    assertEquals(List.of("removed:hello:3:count=2", "removed:hello:2:count=1", "removed:hello:1:count=0"), log);
    assertEquals(List.of(BAR, EventEmitter.REMOVE_LISTENER), ee.eventNames());
  }

  @Test
  void removeAllListenersRemovesRemoveListenerHandlersLast() {
    ee.on(HELLO, listener1);
    ee.on(BAR, listener2);
    List<Object> removedEvents = new ArrayList<>();
    ee.on(EventEmitter.REMOVE_LISTENER, change -> removedEvents.add(change.event()));
    ee.on(EventEmitter.REMOVE_LISTENER, change -> removedEvents.add("second:" + change.event()));

    ee.removeAllListeners();

    // The last REMOVE_LISTENER handler is removed first and reported to the one still there.
    assertEquals(List.of(HELLO, "second:hello", BAR, "second:bar", EventEmitter.REMOVE_LISTENER), removedEvents);
    assertEquals(List.of(), ee.eventNames());
  }

  @Test
  void removeAllListenersWithoutRemoveListenerHandlersClearsSilently() {
    ee.on(HELLO, listener1);
    ee.on(BAR, listener2);

    assertEquals(ee, ee.removeAllListeners());

    assertEquals(List.of(), ee.eventNames());
    assertEquals(false, ee.emit(HELLO, "x"));
  }
}
