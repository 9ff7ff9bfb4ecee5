package io.loopstreams.kafka;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Records per second through consume → map → produce on loopback: the plain kafka-clients loop
 * (poll, map, send; flush at the end) against KafkaSource → map → KafkaSink, same broker, same
 * input topic, same client settings. Run by {@code benchmarks/run-kafka-bench.sh}; not a test.
 *
 * <p>Arguments: records (default 2,000,000), rounds (default 2).
 */
public final class KafkaBenchMain {

  private static final int PARTITIONS = 6;

  private KafkaBenchMain() {
  }

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    try (TestBroker broker = TestBroker.start()) {
      broker.createTopic("in", PARTITIONS);
      seed(broker, records);
      double plainBest = 0;
      double streamsBest = 0;
      for (int round = 1; round <= rounds; round++) {
        broker.createTopic("out-plain-" + round, PARTITIONS);
        broker.createTopic("out-streams-" + round, PARTITIONS);
        double plain = plain(broker, records, round);
        double streams = streams(broker, records, round);
        System.out.printf("round %d: plain %.0f records/s, streams %.0f records/s, ratio %.2f%n",
            round, plain, streams, streams / plain);
        plainBest = Math.max(plainBest, plain);
        streamsBest = Math.max(streamsBest, streams);
      }
      System.out.printf("best of %d: plain kafka-clients %.0f records/s, loopstreams %.0f"
          + " records/s, ratio %.2f (goal >= 0.90)%n", rounds, plainBest, streamsBest,
          streamsBest / plainBest);
    }
  }

  private static byte[] map(byte[] value) {
    byte[] out = value.clone();
    out[0] ^= 1;
    return out;
  }

  private static double plain(TestBroker broker, int records, int round) {
    long start = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumer(broker, "plain-" + round));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producer(broker))) {
      consumer.subscribe(List.of("in"));
      String out = "out-plain-" + round;
      int n = 0;
      while (n < records) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          producer.send(new ProducerRecord<>(out, r.partition(), r.key(), map(r.value())));
          n++;
        }
      }
      producer.flush();
    }
    return records / ((System.nanoTime() - start) / 1e9);
  }

  private static double streams(TestBroker broker, int records, int round) throws Exception {
    EventLoop loop = EventLoop.create("bench").start();
    try {
      long start = System.nanoTime();
      CompletableFuture<Throwable> done = new CompletableFuture<>();
      String out = "out-streams-" + round;
      loop.execute(() -> {
        KafkaSource<ConsumerRecord<byte[], byte[]>> source =
            KafkaSource.create(consumer(broker, "streams-" + round), List.of("in"));
        KafkaSink<byte[], byte[]> sink = KafkaSink.create(producer(broker));
        Pipeline.from(source.take(records)
                .map(r -> new ProducerRecord<>(out, r.partition(), r.key(), map(r.value()))))
            .to(sink)
            .onComplete(done::complete);
      });
      Throwable error = done.get(10, TimeUnit.MINUTES);
      if (error != null) {
        throw new IllegalStateException("streams run failed", error);
      }
      return records / ((System.nanoTime() - start) / 1e9);
    } finally {
      loop.close();
    }
  }

  private static void seed(TestBroker broker, int records) {
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producer(broker))) {
      byte[] value = new byte[32];
      for (int i = 0; i < records; i++) {
        p.send(new ProducerRecord<>("in", i % PARTITIONS, null, value));
      }
      p.flush();
    }
  }

  private static Map<String, Object> producer(TestBroker broker) {
    Map<String, Object> c = Clients.producer(broker);
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return c;
  }

  private static Map<String, Object> consumer(TestBroker broker, String group) {
    Map<String, Object> c = Clients.consumer(broker, group);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return c;
  }
}
