package io.loopstreams.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test broker itself: answers on loopback, creates topics, and leaves no directory behind. */
@Timeout(90)
class KafkaTestBrokerTest {

  @Test
  void brokerAnswersCreatesTopicsAndRemovesItsDirectoryOnClose() throws Exception {
    Path dir;
    try (TestBroker broker = TestBroker.start()) {
      assertEquals(1, broker.admin().describeCluster().nodes().get(10, TimeUnit.SECONDS).size());
      broker.createTopic("smoke", 3);
      assertEquals(3, broker.admin().describeTopics(java.util.List.of("smoke")).allTopicNames()
          .get(10, TimeUnit.SECONDS).get("smoke").partitions().size());
      dir = broker.directory();
      assertTrue(Files.isDirectory(dir));
    }
    assertFalse(Files.exists(dir), "temp log directory removed");
  }

}
