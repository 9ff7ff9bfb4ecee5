package io.loopstreams.kafka.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets acknowledged downstream and not yet committed, per partition: the next offset to
 * consume (the acknowledged record's offset plus one). Written by the loop as records are
 * acknowledged, taken by the consumer thread when it commits (a batch, a revocation, a close).
 *
 * <p>Threads: {@link #ack} on the loop; {@link #take} on the consumer thread. {@code take}
 * removes an entry only if it still holds the value it read ({@code remove(key, value)}), so an
 * acknowledgement that lands in between stays for the next commit.
 */
public final class AckedOffsets {

  private final ConcurrentHashMap<TopicPartition, Long> next = new ConcurrentHashMap<>();

  /** Records that {@code offset} of {@code partition} was acknowledged (in order per partition). */
  public void ack(TopicPartition partition, long offset) {
    next.merge(partition, offset + 1, Math::max);
  }

  /** Takes the acknowledged offsets of the partitions in {@code owned}; drops the others. */
  public Map<TopicPartition, OffsetAndMetadata> take(java.util.Set<TopicPartition> owned) {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
      TopicPartition tp = e.getKey();
      Long v = e.getValue();
      if (next.remove(tp, v) && owned.contains(tp)) {
        out.put(tp, new OffsetAndMetadata(v));
      }
    }
    return out;
  }

  /** Forgets everything acknowledged (a crash-like close abandons it). */
  public void clear() {
    next.clear();
  }
}
