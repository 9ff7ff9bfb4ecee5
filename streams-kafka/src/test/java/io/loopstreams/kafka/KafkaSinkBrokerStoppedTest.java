package io.loopstreams.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sink against a broker that stopped: a clear error within {@code delivery.timeout.ms}. */
@Timeout(120)
class KafkaSinkBrokerStoppedTest {

  private static TestBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
    broker.createTopic("gone", 1);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void aWriteToAStoppedBrokerFailsTheSinkWithinTheDeliveryTimeout() throws Exception {
    Map<String, Object> config = Clients.producer(broker);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
    EventLoop loop = EventLoop.create("stopped").start();
    try {
      CompletableFuture<KafkaSink<String, String>> first = new CompletableFuture<>();
      loop.execute(() -> {
        KafkaSink<String, String> sink = KafkaSink.create(config);
        sink.write(new ProducerRecord<>("gone", 0, null, "before"), e -> first.complete(sink));
      });
      KafkaSink<String, String> sink = first.get(30, TimeUnit.SECONDS);
      broker.kill();
      CompletableFuture<List<Object>> failed = new CompletableFuture<>();
      long start = System.nanoTime();
      loop.execute(() -> {
        List<Object> seen = new ArrayList<>();
        sink.write(new ProducerRecord<>("gone", 0, null, "after"), e -> seen.add("cb"));
        sink.on(EventEmitter.ERROR, e -> seen.add(e));
        sink.on(Stream.CLOSE, x -> failed.complete(seen));
      });
      List<Object> seen = failed.get(30, TimeUnit.SECONDS);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(2, seen.size(), seen.toString());
      assertEquals("cb", seen.get(0));
      Throwable error = (Throwable) seen.get(1);
      assertInstanceOf(KafkaStreamException.class, error);
      assertInstanceOf(TimeoutException.class, error.getCause());
      // Kafka's wording depends on whether the metadata expired first ("not present in metadata")
      // or the batch ("Expiring 1 record(s)"); both are its TimeoutException.
      assertTrue(error.getMessage().startsWith("record to gone-0 not acknowledged: "),
          error.getMessage());
      assertTrue(millis >= 1500 && millis < 10_000, "failed after " + millis + " ms");
    } finally {
      loop.close();
    }
  }
}
