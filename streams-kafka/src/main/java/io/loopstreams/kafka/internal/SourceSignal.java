package io.loopstreams.kafka.internal;

import io.loopstreams.core.Callback;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** What a consumer thread tells its source on the loop (through the {@link LoopHop}). */
public sealed interface SourceSignal {

  /** Records from one poll, in the consumer's order. */
  record Batch(List<ConsumerRecord<?, ?>> records) implements SourceSignal { }

  /** Partitions assigned by a rebalance. */
  record Assigned(Set<TopicPartition> partitions) implements SourceSignal { }

  /** Partitions revoked (or lost) by a rebalance; acknowledged offsets were committed first. */
  record Revoked(Set<TopicPartition> partitions) implements SourceSignal { }

  /** A commit finished; {@code error} is null on success. */
  record Committed(Callback onDone, Throwable error) implements SourceSignal { }

  /** The consumer failed; the thread closes it and ends. */
  record Failed(Throwable error) implements SourceSignal { }

  /** The consumer is closed and its thread ended. */
  record Closed() implements SourceSignal { }
}
