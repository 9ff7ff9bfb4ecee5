package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's test-event-emitter-num-args.js: what a listener receives. Java carries
 * one payload per event, so several values travel as a record.
 */
class EventEmitterNumArgsTest {
  record Pair(int a, int b) {
  }

  static final Event<Pair> PAIR = Event.of("pair");
  static final Event<Object> ANY = Event.of("any");
  static final Event<Void> NONE = Event.of("none");

  @Test
  void listenersReceiveThePayloadAsEmitted() {
    EventEmitter ee = new EventEmitter();
    List<Object> got = new ArrayList<>();
    ee.on(PAIR, got::add);
    ee.on(ANY, got::add);

    ee.emit(PAIR, new Pair(1, 2));
    ee.emit(ANY, null);
    ee.emit(ANY, Arrays.asList(1, 2, 3));

    assertEquals(Arrays.asList(new Pair(1, 2), null, List.of(1, 2, 3)), got);
  }

  @Test
  void emitReturnsWhetherListenersExisted() {
    EventEmitter ee = new EventEmitter();
    assertEquals(false, ee.emit(NONE));

    ee.on(NONE, () -> { });

    assertEquals(true, ee.emit(NONE));
  }

  @Test
  void payloadLessListenersAndTypedListenersShareOneEvent() {
    EventEmitter ee = new EventEmitter();
    List<String> calls = new ArrayList<>();
    ee.on(PAIR, () -> calls.add("runnable"));
    ee.on(PAIR, p -> calls.add("listener:" + p.a()));
    ee.once(PAIR, () -> calls.add("once"));

    ee.emit(PAIR, new Pair(7, 8));
    ee.emit(PAIR, new Pair(9, 0));

    assertEquals(List.of("runnable", "listener:7", "once", "runnable", "listener:9"), calls);
  }
}
