package io.loopstreams.kafka.internal;

import io.loopstreams.core.Callback;
import io.loopstreams.kafka.KafkaStreamException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One batch of a sink's writes handed to the producer together, acknowledged together: the
 * stream's write callback runs (on the loop, through the hop) once the broker acknowledged every
 * record of the batch, or failed with the first error.
 *
 * <p>Threads: {@link #sendAll} runs on the offload pool ({@code send} may block on metadata or a
 * full buffer); {@link #onCompletion} on the producer's I/O thread; {@link #complete} on the
 * loop. {@code remaining} starts at the batch size plus one for the sender itself, so the batch
 * cannot complete while records are still being handed over. The first error is published by
 * {@code error}'s volatile write before the decrement that may complete the batch.
 */
public final class SendGeneration<K, V> implements org.apache.kafka.clients.producer.Callback {

  // immutable
  private final List<ProducerRecord<K, V>> records;
  private final Callback callback;
  private final LoopHop<SendGeneration<?, ?>> hop;
  // any thread
  private final AtomicInteger remaining;
  private volatile Throwable error;

  public SendGeneration(List<ProducerRecord<K, V>> records, Callback callback,
      LoopHop<SendGeneration<?, ?>> hop) {
    this.records = records;
    this.callback = callback;
    this.hop = hop;
    this.remaining = new AtomicInteger(records.size() + 1);
  }

  /** Hands every record to the producer; stops at the first record {@code send} rejects. */
  public Void sendAll(Producer<K, V> producer) {
    int sent = 0;
    try {
      for (ProducerRecord<K, V> r : records) {
        producer.send(r, this);
        sent++;
      }
    } catch (RuntimeException e) { // serialization, metadata timeout, closed producer
      fail(new KafkaStreamException("send to " + target(records.get(sent)) + " failed", e));
    }
    countDown(records.size() - sent + 1);
    return null;
  }

  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (exception != null) {
      String where = metadata.partition() < 0 ? metadata.topic()
          : metadata.topic() + "-" + metadata.partition();
      fail(new KafkaStreamException("record to " + where + " not acknowledged", exception));
    }
    countDown(1);
  }

  /** On the loop: reports the outcome to the stream. */
  public void complete() {
    callback.done(error);
  }

  private void fail(Throwable e) {
    if (error == null) {
      error = e;
    }
  }

  private void countDown(int n) {
    if (remaining.addAndGet(-n) == 0) {
      hop.offer(this);
    }
  }

  private static String target(ProducerRecord<?, ?> r) {
    return r.partition() == null ? r.topic() : r.topic() + "-" + r.partition();
  }
}
