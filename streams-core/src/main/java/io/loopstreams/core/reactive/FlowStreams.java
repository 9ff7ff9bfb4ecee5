package io.loopstreams.core.reactive;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Duplex;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.WritableStream;
import java.util.concurrent.Flow;
import org.reactivestreams.FlowAdapters;

/**
 * The {@link ReactiveStreams} adapters for {@link java.util.concurrent.Flow}. They wrap the
 * Reactive Streams ones with {@link FlowAdapters}, which forwards every signal (nulls included,
 * so rules 1.9 and 2.13 still throw NPE) and keeps the same threading and demand behaviour.
 * Verified by the {@code tck-flow} variants of the TCK.
 */
public final class FlowStreams {

  private FlowStreams() {
  }

  /** The readable as a unicast {@link Flow.Publisher}. Any thread. */
  public static <T> Flow.Publisher<T> toFlowPublisher(Readable<T> readable) {
    return FlowAdapters.toFlowPublisher(ReactiveStreams.toPublisher(readable));
  }

  /** A readable on {@code loop} fed by {@code publisher}. Must be called on the loop's thread. */
  public static <T> Readable<T> fromFlowPublisher(EventLoop loop, Flow.Publisher<? extends T> publisher,
      StreamOptions options) {
    return ReactiveStreams.fromPublisher(loop, FlowAdapters.toPublisher(publisher), options);
  }

  /** {@link #fromFlowPublisher(EventLoop, Flow.Publisher, StreamOptions)} in object mode, mark 16. */
  public static <T> Readable<T> fromFlowPublisher(EventLoop loop, Flow.Publisher<? extends T> publisher) {
    return fromFlowPublisher(loop, publisher, StreamOptions.objects());
  }

  /** A {@link Flow.Subscriber} writing into {@code writable}. Any thread. */
  public static <T> Flow.Subscriber<T> toFlowSubscriber(WritableStream<T> writable) {
    return FlowAdapters.toFlowSubscriber(ReactiveStreams.toSubscriber(writable));
  }

  /** A duplex as a {@link Flow.Processor}. Any thread. */
  public static <I, O> Flow.Processor<I, O> toFlowProcessor(Duplex<I, O> duplex) {
    return FlowAdapters.toFlowProcessor(ReactiveStreams.toProcessor(duplex));
  }
}
