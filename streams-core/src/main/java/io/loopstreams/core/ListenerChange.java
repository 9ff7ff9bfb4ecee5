package io.loopstreams.core;

/**
 * Payload of {@link EventEmitter#NEW_LISTENER} and {@link EventEmitter#REMOVE_LISTENER}:
 * Node's {@code (eventName, listener)} pair.
 *
 * @param event    the event the listener was added to or removed from
 * @param listener the instance the caller passed in (a {@link Listener} or a
 *                 {@link Runnable}), never the internal once-wrapper
 */
public record ListenerChange(Event<?> event, Object listener) {
}
