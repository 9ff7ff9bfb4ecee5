package io.loopstreams.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.StreamOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The source: order, rebalance events, pausing at the mark, closing, a missing topic. */
@Timeout(120)
class KafkaSourceTest {

  private static TestBroker broker;
  private final EventLoop loop = EventLoop.create("source-test").start();

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
    broker.createTopic("two", 2);
    broker.createTopic("slow", 1);
    List<String> values = IntStream.range(0, 100).mapToObj(i -> "r" + i).toList();
    Clients.seed(broker, "two", 0, values);
    Clients.seed(broker, "two", 1, values);
    Clients.seed(broker, "slow", 0, IntStream.range(0, 3000).mapToObj(i -> "s" + i).toList());
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  @Test
  void recordsArriveInPartitionOrderAfterTheAssignmentEventAndDestroyEndsTheConsumerThread()
      throws Exception {
    CompletableFuture<List<String>> done = new CompletableFuture<>();
    loop.execute(() -> {
      List<String> events = new ArrayList<>();
      KafkaSource<ConsumerRecord<String, String>> source =
          KafkaSource.create(Clients.consumer(broker, "order"), List.of("two"));
      source.on(KafkaSource.ASSIGNED, parts -> events.add("assigned:" + parts.size()));
      source.on(Stream.CLOSE, x -> done.complete(events));
      int[] seen = {0};
      source.on(Stream.DATA, r -> {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, String> rec = (ConsumerRecord<String, String>) r;
        events.add(rec.partition() + ":" + rec.value());
        if (++seen[0] == 200) {
          source.destroy();
        }
      });
    });
    List<String> events = done.get(60, TimeUnit.SECONDS);
    assertEquals("assigned:2", events.get(0));
    for (int p = 0; p < 2; p++) {
      String prefix = p + ":";
      List<String> values = events.stream().filter(e -> e.startsWith(prefix)).toList();
      assertEquals(IntStream.range(0, 100).mapToObj(i -> prefix + "r" + i).toList(), values);
    }
    assertEquals(201, events.size());
    // The destroy closes the consumer on its own thread (bounded by the close timeout): join it.
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("kafka-consumer-order")) {
        t.join(TimeUnit.SECONDS.toMillis(15));
      }
    }
    assertFalse(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("kafka-consumer-order")), "consumer thread ended");
  }

  @Test
  void aSlowConsumerPausesItsPartitionsAndTheBufferStaysAtTheMark() throws Exception {
    Map<String, Object> config = Clients.consumer(broker, "slow");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    KafkaSource<ConsumerRecord<String, String>> source = OnLoop.get(loop, () ->
        KafkaSource.create(config, List.of("slow"), StreamOptions.objects().highWaterMark(100)));
    // Nobody reads: the buffer fills to the mark, then the consumer pauses its partition.
    assertTrue(OnLoop.await(loop, source::consumerPaused, p -> p, Duration.ofSeconds(30)));
    long length = OnLoop.get(loop, source::readableLength);
    int overflow = OnLoop.get(loop, source::overflowLength);
    assertEquals(100, length);
    assertTrue(overflow < 50, "at most one batch beside the buffer, was " + overflow);
    // Proving an absence: half a second later on the loop, nothing more arrived while paused.
    assertEquals(List.of(100L, overflow, true), OnLoop.after(loop, java.time.Duration.ofMillis(500),
        () -> List.of(source.readableLength(), source.overflowLength(), source.consumerPaused())));
    // Reading resumes the partition; all 3000 records come, in order.
    CompletableFuture<List<String>> all = new CompletableFuture<>();
    loop.execute(() -> {
      List<String> values = new ArrayList<>();
      source.on(Stream.DATA, r -> {
        values.add(((ConsumerRecord<?, ?>) r).value().toString());
        if (values.size() == 3000) {
          all.complete(values);
          source.destroy();
        }
      });
    });
    assertEquals(IntStream.range(0, 3000).mapToObj(i -> "s" + i).toList(),
        all.get(60, TimeUnit.SECONDS));
  }

  @Test
  void anUnknownTopicDestroysTheSourceWithAClearError() throws Exception {
    CompletableFuture<List<Object>> done = new CompletableFuture<>();
    loop.execute(() -> {
      List<Object> events = new ArrayList<>();
      KafkaSource<ConsumerRecord<String, String>> source =
          KafkaSource.create(Clients.consumer(broker, "unknown"), List.of("no-such-topic"));
      source.on(EventEmitter.ERROR, e -> events.add(e.getMessage()));
      source.on(Stream.CLOSE, x -> done.complete(events));
      source.resume();
    });
    assertEquals(List.of("topic no-such-topic does not exist"), done.get(60, TimeUnit.SECONDS));
  }
}
