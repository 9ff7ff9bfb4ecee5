package io.loopstreams.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A record of a committable source, carrying where it came from: pass it (or keep it beside what
 * a stage made of it) to the source's {@link Committer}, which commits its offset once it was
 * written there.
 */
public record CommittableRecord<K, V>(ConsumerRecord<K, V> record) {

  public TopicPartition partition() {
    return new TopicPartition(record.topic(), record.partition());
  }

  public long offset() {
    return record.offset();
  }

  public K key() {
    return record.key();
  }

  public V value() {
    return record.value();
  }
}
