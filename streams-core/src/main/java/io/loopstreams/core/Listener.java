package io.loopstreams.core;

/**
 * Receives the payload of one event from an {@link EventEmitter}. Listeners run
 * synchronously inside {@code emit}; an exception thrown here propagates out of
 * {@code emit} and skips the remaining listeners, as in Node.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface Listener<T> {
  void on(T value);
}
