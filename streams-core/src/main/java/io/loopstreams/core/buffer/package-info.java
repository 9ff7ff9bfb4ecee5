/**
 * Pooled buffers for byte streams: {@link io.loopstreams.core.buffer.BufferPool} (bounded, thread
 * safe, with a poison mode for tests), {@link io.loopstreams.core.buffer.PooledBlock} (one block
 * and its reference count) and {@link io.loopstreams.core.buffer.ChunkLedger} (the pooled chunks a
 * stream owns, handed from a source to the destination that adopts them). The ownership rule is
 * written down in {@code docs/buffers.md}.
 */
package io.loopstreams.core.buffer;
