package io.loopstreams.kafka;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Writable;
import io.loopstreams.kafka.internal.LoopHop;
import io.loopstreams.kafka.internal.SendGeneration;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A Kafka topic as a {@code Writable<ProducerRecord<K, V>>} (object mode) over a {@link
 * KafkaProducer} with {@code acks=all} and idempotence on (unless the configuration says
 * otherwise) and {@code linger.ms=0} (a batch is handed over at once; lingering would delay
 * every round trip).
 *
 * <p>A write's callback runs on the loop once the broker acknowledged the record. While a batch
 * is with the broker, later writes wait in the stream's buffer and go out together when it is
 * acknowledged ({@code doWritev}): the records not yet acknowledged are the buffered length, so
 * {@code write()} returns false when they reach the high-water mark (default 1024 records) and
 * {@code DRAIN} follows the acknowledgement. {@code end()} finishes once every record was
 * acknowledged. A send error (the broker's, or a record not acknowledged within {@code
 * delivery.timeout.ms}, or a serialization failure) destroys the stream with a {@link
 * KafkaStreamException} whose cause is Kafka's exception.
 *
 * <p>{@code send} can block (metadata for a new topic, up to {@code max.block.ms}; a full buffer),
 * so batches are handed to the producer on the offload pool, one batch at a time, which keeps the
 * order of writes. Acknowledgements come back from the producer's I/O thread through one hop per
 * batch.
 *
 * <h2>State</h2>
 * The writable side's own (idle → one batch with the broker → idle); {@code doDestroy} closes
 * the producer on the offload pool: within {@link #CLOSE_TIMEOUT} after {@code end()}, at once
 * (abandoning unsent records) after an error.
 *
 * <h2>Differences from Node</h2>
 * No Node counterpart; the Writable contract is Node's, with "handled" meaning "acknowledged".
 */
public final class KafkaSink<K, V> extends Writable<ProducerRecord<K, V>> {

  /** How long a clean close waits for the producer to finish. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  /** The default high-water mark, in records. */
  public static final int DEFAULT_HIGH_WATER_MARK = 1024;

  private static final BiConsumer<Object, Throwable> IGNORE = (v, e) -> { };

  // immutable
  private final Producer<K, V> producer;
  private final LoopHop<SendGeneration<?, ?>> acks;

  private KafkaSink(EventLoop loop, Producer<K, V> producer, StreamOptions options) {
    super(loop, options);
    this.producer = producer;
    this.acks = new LoopHop<>(loop, this::acknowledged);
  }

  /**
   * A sink on the current loop over a new producer: {@code config} is the producer's (bootstrap
   * servers and serializers at least); {@code acks=all} and idempotence are the defaults.
   */
  public static <K, V> KafkaSink<K, V> create(Map<String, Object> config) {
    return create(config, StreamOptions.objects().highWaterMark(DEFAULT_HIGH_WATER_MARK));
  }

  /** The same with stream options (mark, name). */
  public static <K, V> KafkaSink<K, V> create(Map<String, Object> config, StreamOptions options) {
    Map<String, Object> c = new HashMap<>(config);
    c.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    c.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // A batch of writes is handed over at once and the next waits for its acknowledgement:
    // lingering would only add its delay to every round trip.
    c.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    return over(new KafkaProducer<>(c), options);
  }

  /** A sink on the current loop over an existing producer, which it closes when it closes. */
  public static <K, V> KafkaSink<K, V> over(Producer<K, V> producer, StreamOptions options) {
    return new KafkaSink<>(EventLoop.current(), producer, options);
  }

  @Override
  protected void doWrite(ProducerRecord<K, V> record, Callback callback) {
    doWritev(List.of(record), callback);
  }

  @Override
  protected void doWritev(List<ProducerRecord<K, V>> records, Callback callback) {
    SendGeneration<K, V> batch = new SendGeneration<>(List.copyOf(records), callback, acks);
    loop().beginRequest(); // the loop stays alive until the batch is acknowledged
    loop().offload(() -> batch.sendAll(producer), IGNORE); // the outcome comes through the hop
  }

  private void acknowledged(SendGeneration<?, ?> batch) {
    loop().endRequest();
    batch.complete();
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    Duration wait = error == null ? CLOSE_TIMEOUT : Duration.ZERO;
    loop().offload(() -> {
      producer.close(wait);
      return null;
    }).onSettled((v, e) -> callback.done(error));
  }
}
