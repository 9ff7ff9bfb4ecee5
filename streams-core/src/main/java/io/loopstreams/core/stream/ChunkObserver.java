package io.loopstreams.core.stream;

import io.loopstreams.core.Listener;

/**
 * A DATA listener that keeps no reference to a chunk once it returns: a byte counter, a
 * checksum, a progress bar. Unlike any other DATA listener it does not stop a pooled source's
 * chunks from going back to their pool (docs/buffers.md): register it with {@code
 * readable.onData(observer)} or {@code on(DATA, observer)}.
 *
 * <p>The promise is the caller's: a chunk read after the listener returned may already hold other
 * data. Test runs poison released buffers ({@code -Dloopstreams.buffers.poison=true}), so a
 * broken promise shows up there as wrong bytes.
 *
 * @param <T> the chunk type
 */
@FunctionalInterface
public interface ChunkObserver<T> extends Listener<T> {
}
