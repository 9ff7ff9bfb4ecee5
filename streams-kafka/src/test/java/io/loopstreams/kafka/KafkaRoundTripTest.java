package io.loopstreams.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A million records through the sink and back through the source: none lost, none reordered. */
@Timeout(120)
class KafkaRoundTripTest {

  private static final int RECORDS = 1_000_000;
  private static final int PARTITIONS = 6;
  private static TestBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
    broker.createTopic("million", PARTITIONS);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void aMillionRecordsProducedThroughTheSinkComeBackThroughTheSourceInPartitionOrder()
      throws Exception {
    Map<String, Object> producer = Clients.producer(broker);
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, IntegerSerializer.class);
    producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, IntegerSerializer.class);
    Map<String, Object> consumer = Clients.consumer(broker, "million");
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, IntegerDeserializer.class);
    consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, IntegerDeserializer.class);
    EventLoop loop = EventLoop.create("round-trip").start();
    try {
      // Record i goes to partition i % 6 with value i / 6: each partition holds 0, 1, 2, ...
      CompletableFuture<Void> produced = new CompletableFuture<>();
      loop.execute(() -> {
        Iterator<ProducerRecord<Integer, Integer>> records = IntStream.range(0, RECORDS)
            .mapToObj(i -> new ProducerRecord<Integer, Integer>("million", i % PARTITIONS, null,
                i / PARTITIONS))
            .iterator();
        Pipeline.from(Readable.from(records)).to(KafkaSink.create(producer))
            .onComplete(e -> {
              if (e == null) {
                produced.complete(null);
              } else {
                produced.completeExceptionally(e);
              }
            });
      });
      produced.get(60, TimeUnit.SECONDS);

      int[] next = new int[PARTITIONS]; // loop thread only
      int[] outOfOrder = {0};
      CompletableFuture<int[]> consumed = new CompletableFuture<>();
      loop.execute(() -> {
        KafkaSource<ConsumerRecord<Integer, Integer>> source =
            KafkaSource.create(consumer, List.of("million"));
        int[] count = {0};
        source.on(Stream.DATA, r -> {
          ConsumerRecord<?, ?> rec = (ConsumerRecord<?, ?>) r;
          if ((Integer) rec.value() != next[rec.partition()]++) {
            outOfOrder[0]++;
          }
          if (++count[0] == RECORDS) {
            source.destroy();
          }
        });
        source.on(Stream.CLOSE, x -> consumed.complete(next));
      });
      int[] perPartition = consumed.get(60, TimeUnit.SECONDS);
      int[] expected = new int[PARTITIONS];
      Arrays.fill(expected, RECORDS / PARTITIONS);
      for (int p = 0; p < RECORDS % PARTITIONS; p++) {
        expected[p]++;
      }
      assertArrayEquals(expected, perPartition);
      assertEquals(0, OnLoop.get(loop, () -> outOfOrder[0]));
    } finally {
      loop.close();
    }
  }
}
