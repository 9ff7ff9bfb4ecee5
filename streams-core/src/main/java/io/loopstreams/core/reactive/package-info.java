/**
 * Reactive Streams, {@link java.util.concurrent.Flow} and Project Reactor interop: {@link
 * io.loopstreams.core.reactive.ReactiveStreams}, {@link io.loopstreams.core.reactive.FlowStreams}
 * and {@link io.loopstreams.core.reactive.Reactor}. The adapters are proven by the Reactive
 * Streams TCK 1.0.4 ({@code tck-tests}); implementation classes live in {@code .internal}.
 */
package io.loopstreams.core.reactive;
