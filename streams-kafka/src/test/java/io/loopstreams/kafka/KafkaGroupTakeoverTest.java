package io.loopstreams.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two members of one group on two loops split six partitions; one crashes mid-way (its pipeline
 * fails, abandoning what it acknowledged but had not committed), the other takes its partitions
 * over. Every record is processed at least once; the duplicates are the crashed member's
 * acknowledged-but-uncommitted records, fewer than one commit batch.
 */
@Timeout(120)
class KafkaGroupTakeoverTest {

  private static final int PARTITIONS = 6;
  private static final int PER_PARTITION = 2000;
  private static final int TOTAL = PARTITIONS * PER_PARTITION;
  private static final int BATCH = 50;
  private static final int CRASH_AFTER = 3037; // not a whole number of batches: 37 acknowledged, uncommitted
  private static TestBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
    broker.createTopic("shared", PARTITIONS);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  /** One member: its assignment and the records it processed. */
  private static final class Member {
    final EventLoop loop;
    final Set<TopicPartition> assigned = new HashSet<>(); // loop thread only
    final AtomicInteger processed = new AtomicInteger();
    final CompletableFuture<Throwable> settled = new CompletableFuture<>();

    Member(String name) {
      this.loop = EventLoop.create(name).start();
    }
  }

  @Test
  void whenOneMemberCrashesTheOtherTakesItsPartitionsAndDuplicatesStayWithinACommitBatch()
      throws Exception {
    Map<String, Integer> times = new ConcurrentHashMap<>(); // "partition:offset" → times processed
    CompletableFuture<Void> allSeen = new CompletableFuture<>(); // every record processed once
    Member a = new Member("member-a");
    Member b = new Member("member-b");
    try {
      start(a, times, CRASH_AFTER, allSeen);
      start(b, times, Integer.MAX_VALUE, allSeen);
      for (Member m : List.of(a, b)) {
        assertEquals(3, OnLoop.await(m.loop, m.assigned::size, n -> n == 3, Duration.ofSeconds(30)));
      }
      for (int p = 0; p < PARTITIONS; p++) {
        int partition = p;
        Clients.seed(broker, "shared", p,
            IntStream.range(0, PER_PARTITION).mapToObj(i -> partition + "/" + i).toList());
      }
      assertEquals("crash after " + CRASH_AFTER,
          a.settled.get(60, TimeUnit.SECONDS).getMessage());
      assertEquals(6, OnLoop.await(b.loop, b.assigned::size, n -> n == 6, Duration.ofSeconds(30)));
      try {
        allSeen.get(60, TimeUnit.SECONDS); // the broker redelivers the crashed member's records
      } catch (java.util.concurrent.TimeoutException e) {
        // reported by the assertion below, with the count reached
      }
      assertEquals(TOTAL, times.size(), "every record processed at least once");
      int duplicates = a.processed.get() + b.processed.get() - TOTAL;
      long twice = times.values().stream().filter(n -> n == 2).count();
      assertEquals(duplicates, twice, "no record processed more than twice");
      // What the crashed member processed but never committed comes again: its acknowledged
      // records (less than one commit batch) and those still between the processing stage and
      // the committer (the map's two sides and the committer's buffer, one mark of 16 each).
      int inFlight = 3 * 16;
      assertTrue(duplicates >= 0 && duplicates < BATCH + inFlight,
          "duplicates " + duplicates + " within one commit batch of " + BATCH + " + " + inFlight
          + " in flight");
      System.out.println("group takeover: a processed " + a.processed + ", b " + b.processed
          + ", duplicates " + duplicates);
    } finally {
      a.loop.close();
      b.loop.close();
    }
  }

  private static void start(Member m, Map<String, Integer> times, int crashAfter,
      CompletableFuture<Void> allSeen) {
    Map<String, Object> config = Clients.consumer(broker, "takeover");
    config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    m.loop.execute(() -> {
      KafkaSource<CommittableRecord<String, String>> source =
          KafkaSource.committable(config, List.of("shared"));
      source.on(KafkaSource.ASSIGNED, m.assigned::addAll);
      source.on(KafkaSource.REVOKED, m.assigned::removeAll);
      Transform<CommittableRecord<String, String>, CommittableRecord<String, String>> work =
          Transform.map(StreamOptions.objects(), r -> {
            if (m.processed.get() == crashAfter) {
              throw new IllegalStateException("crash after " + crashAfter);
            }
            m.processed.incrementAndGet();
            times.merge(r.partition().partition() + ":" + r.offset(), 1, Integer::sum);
            if (times.size() == TOTAL) {
              allSeen.complete(null);
            }
            return r;
          });
      Pipeline.from(source).pipe(work).to(Committer.of(source, BATCH, Duration.ofSeconds(30)))
          .onComplete(e -> m.settled.complete(e));
    });
  }
}
