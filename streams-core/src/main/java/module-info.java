/**
 * The event loop, promises, the emitter, cancellation and errors ({@code io.loopstreams.core}),
 * Node's streams ({@code .stream}), text transforms ({@code .text}), the loop monitor
 * ({@code .monitor}), workers and message ports ({@code .worker}), pooled buffers ({@code .buffer})
 * and the Reactive Streams adapters ({@code .reactive}).
 *
 * <p>{@code io.loopstreams.core.internal} holds what the project's own modules share and users
 * must not depend on: it is exported only to them.
 */
module io.loopstreams.core {
  requires transitive org.reactivestreams;
  requires transitive reactor.core;
  requires org.jctools.core;
  requires HdrHistogram;

  exports io.loopstreams.core;
  exports io.loopstreams.core.stream;
  exports io.loopstreams.core.buffer;
  exports io.loopstreams.core.text;
  exports io.loopstreams.core.monitor;
  exports io.loopstreams.core.worker;
  exports io.loopstreams.core.reactive;
  exports io.loopstreams.core.internal to
      io.loopstreams.fs, io.loopstreams.zlib, io.loopstreams.net, io.loopstreams.kafka;
}
