package io.loopstreams.core;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A typed event key: {@code Event<ByteBuffer> DATA = Event.of("data")} lets the compiler
 * check that {@code emit(DATA, x)} and {@code on(DATA, l)} agree on the payload type, which
 * Node's string names cannot.
 *
 * <p>Keys compare by identity: two keys with the same name are different events. Declare
 * each key once as a constant where it is used (streams declare {@code DATA}, {@code END},
 * ...). Payload-less events use {@code Event<Void>}.
 *
 * @param <T> the payload type passed to listeners
 */
public final class Event<T> {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String name;
  /** A number unique per key, in creation order: indexes {@link EventEmitter}'s lookup cache. */
  final int id = IDS.getAndIncrement();

  private Event(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** A new key; call once per event and keep it in a constant. */
  public static <T> Event<T> of(String name) {
    return new Event<>(name);
  }

  /** Node's event name, e.g. {@code "data"}. */
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }
}
