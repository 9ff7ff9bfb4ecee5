package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-expresses Node's test-event-emitter-add-listeners.js. */
class EventEmitterAddListenersTest {
  static final Event<String> HELLO = Event.of("hello");

  @Test
  void newListenerFiresBeforeTheListenerIsAddedWithTheEventAndListener() {
    EventEmitter ee = new EventEmitter();
    List<String> log = new ArrayList<>();
    Listener<String> hello = s -> log.add("hello:" + s);
    ee.on(EventEmitter.NEW_LISTENER, change -> {
      log.add("newListener:" + change.event() + ":count=" + ee.listenerCount(HELLO));
      assertSame(hello, change.listener());
    });

    assertSame(ee, ee.on(HELLO, hello));
    assertSame(ee, ee.on(HELLO, hello)); // the same listener may be added twice
    assertEquals(2, ee.listenerCount(HELLO));
    assertEquals(true, ee.emit(HELLO, "a"));

    assertEquals(List.of("newListener:hello:count=0", "newListener:hello:count=1", "hello:a", "hello:a"), log);
  }

  @Test
  void listenerAddedInsideNewListenerForTheSameEventEndsUpFirst() {
    EventEmitter ee = new EventEmitter();
    Listener<String> listen1 = s -> { };
    Listener<String> listen2 = s -> { };
    List<List<Object>> seen = new ArrayList<>();
    ee.once(EventEmitter.NEW_LISTENER, change -> {
      seen.add(ee.listeners(HELLO));
      ee.once(EventEmitter.NEW_LISTENER, inner -> seen.add(ee.listeners(HELLO)));
      ee.on(HELLO, listen2);
    });

    ee.on(HELLO, listen1);

    assertEquals(List.of(List.of(), List.of()), seen);
    assertEquals(List.of(listen2, listen1), ee.listeners(HELLO));
  }

  @Test
  void newListenerReportsTheOriginalOfAOnceListener() {
    EventEmitter ee = new EventEmitter();
    List<Object> added = new ArrayList<>();
    ee.on(EventEmitter.NEW_LISTENER, change -> added.add(change.listener()));
    Listener<String> l = s -> { };
    Runnable r = () -> { };

    ee.once(HELLO, l);
    ee.prependOnceListener(HELLO, r);

    assertEquals(List.of(l, r), added);
    assertEquals(List.of(r, l), ee.listeners(HELLO));
  }

  @Test
  void nullListenerIsRejectedWithAClearMessage() {
    EventEmitter ee = new EventEmitter();
    NullPointerException e = assertThrows(NullPointerException.class, () -> ee.on(HELLO, (Listener<String>) null));
    assertEquals("listener must not be null", e.getMessage());
    assertThrows(NullPointerException.class, () -> ee.once(HELLO, (Runnable) null));
    assertThrows(NullPointerException.class, () -> ee.off(HELLO, (Listener<String>) null));
    assertEquals(0, ee.listenerCount(HELLO));
  }
}
