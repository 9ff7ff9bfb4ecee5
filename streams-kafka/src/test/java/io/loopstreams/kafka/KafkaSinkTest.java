package io.loopstreams.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.StreamOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sink: write callbacks on acknowledgement, the mark over unacknowledged records, errors. */
@Timeout(120)
class KafkaSinkTest {

  private static TestBroker broker;
  private final EventLoop loop = EventLoop.create("sink-test").start();

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
    broker.createTopic("acks", 1);
    broker.createTopic("marks", 1);
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
  void eachWriteCallbackRunsOnTheLoopInOrderAndFinishFollowsTheLastAcknowledgement()
      throws Exception {
    List<String> events = new ArrayList<>(); // loop thread only
    CompletableFuture<List<String>> done = new CompletableFuture<>();
    loop.execute(() -> {
      KafkaSink<String, String> sink = KafkaSink.create(Clients.producer(broker));
      for (int i = 0; i < 5; i++) {
        String v = "v" + i;
        sink.write(new ProducerRecord<>("acks", 0, null, v),
            e -> events.add("ack:" + v + ":" + (e == null) + ":" + loop.inLoop()));
      }
      sink.on(Stream.FINISH, x -> events.add("finish"));
      sink.on(Stream.CLOSE, x -> done.complete(events));
      sink.end();
    });
    assertEquals(List.of("ack:v0:true:true", "ack:v1:true:true", "ack:v2:true:true",
        "ack:v3:true:true", "ack:v4:true:true", "finish"), done.get(30, TimeUnit.SECONDS));
    assertEquals(List.of("v0", "v1", "v2", "v3", "v4"), Clients.readPartition(broker, "acks", 0, 5));
  }

  @Test
  void writeReturnsFalseWhenUnacknowledgedRecordsReachTheMarkAndDrainFollowsTheAcknowledgement()
      throws Exception {
    CompletableFuture<List<Object>> done = new CompletableFuture<>();
    loop.execute(() -> {
      List<Object> seen = new ArrayList<>();
      KafkaSink<String, String> sink = KafkaSink.create(Clients.producer(broker),
          StreamOptions.objects().highWaterMark(3));
      for (int i = 0; i < 3; i++) {
        seen.add(sink.write(new ProducerRecord<>("marks", 0, null, "m" + i)));
      }
      seen.add(sink.writableLength());
      sink.once(Stream.DRAIN, x -> {
        seen.add("drain:" + sink.writableLength());
        sink.end();
      });
      sink.on(Stream.CLOSE, x -> done.complete(seen));
    });
    assertEquals(List.of(true, true, false, 3L, "drain:0"), done.get(30, TimeUnit.SECONDS));
  }

  @Test
  void anUnknownTopicFailsTheSinkWithKafkasErrorWithinMaxBlock() throws Exception {
    Map<String, Object> config = Clients.producer(broker);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500);
    Throwable error = failWith(config, new ProducerRecord<>("no-such-topic", "k", "v"));
    assertEquals("record to no-such-topic not acknowledged: Topic no-such-topic not present in metadata"
        + " after 1500 ms.", error.getMessage());
    assertInstanceOf(TimeoutException.class, error.getCause());
  }

  @Test
  void aSerializationFailureFailsTheSinkAndNamesTheTopic() throws Exception {
    Map<String, Object> config = Clients.producer(broker);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, FailingSerializer.class);
    Throwable error = failWith(config, new ProducerRecord<>("acks", "k", "v"));
    assertTrue(error.getMessage().startsWith("send to acks failed:"), error.getMessage());
    assertInstanceOf(SerializationException.class, error.getCause());
  }

  /** A value serializer that refuses everything. */
  public static final class FailingSerializer
      implements org.apache.kafka.common.serialization.Serializer<String> {
    @Override
    public byte[] serialize(String topic, String data) {
      throw new SerializationException("cannot serialize " + data);
    }
  }

  private Throwable failWith(Map<String, Object> config, ProducerRecord<String, String> record)
      throws Exception {
    CompletableFuture<List<Object>> done = new CompletableFuture<>();
    loop.execute(() -> {
      List<Object> seen = new ArrayList<>();
      KafkaSink<String, String> sink = KafkaSink.create(config);
      sink.write(record, e -> seen.add("cb"));
      sink.on(EventEmitter.ERROR, e -> seen.add(e));
      sink.on(Stream.CLOSE, x -> done.complete(seen));
    });
    List<Object> seen = done.get(30, TimeUnit.SECONDS);
    assertEquals("cb", seen.get(0));
    assertEquals(2, seen.size(), seen.toString());
    return (Throwable) seen.get(1);
  }
}
