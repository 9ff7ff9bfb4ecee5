package io.loopstreams.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** At-least-once: what is committed after a clean end and after a failing stage. */
@Timeout(120)
class KafkaCommitTest {

  private static TestBroker broker;
  private final EventLoop loop = EventLoop.create("commit-test").start();

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
    broker.createTopic("work", 1);
    Clients.seed(broker, "work", 0, IntStream.range(0, 1000).mapToObj(i -> "w" + i).toList());
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
  void endingThePipelineCommitsEveryAcknowledgedOffset() throws Exception {
    CompletableFuture<Throwable> settled = new CompletableFuture<>();
    loop.execute(() -> {
      KafkaSource<CommittableRecord<String, String>> source =
          KafkaSource.committable(Clients.consumer(broker, "clean"), List.of("work"));
      Pipeline.from(source.take(300))
          .to(Committer.of(source, 1000, Duration.ofSeconds(30)))
          .onComplete(e -> settled.complete(e));
    });
    assertEquals(null, settled.get(60, TimeUnit.SECONDS));
    assertEquals(Map.of(0, 300L), broker.committed("clean", "work"));
  }

  @Test
  void aFailingStageDestroysThePipelineAndLeavesUnacknowledgedOffsetsUncommitted()
      throws Exception {
    int batch = 100;
    int[] acknowledged = {0}; // loop thread only: records that reached the committer
    CompletableFuture<Throwable> settled = new CompletableFuture<>();
    loop.execute(() -> {
      KafkaSource<CommittableRecord<String, String>> source =
          KafkaSource.committable(Clients.consumer(broker, "failing"), List.of("work"));
      Transform<CommittableRecord<String, String>, CommittableRecord<String, String>> work =
          Transform.map(StreamOptions.objects(), r -> {
            if (r.offset() == 550) {
              throw new IllegalStateException("cannot process w550");
            }
            return r;
          });
      Transform<CommittableRecord<String, String>, CommittableRecord<String, String>> count =
          Transform.map(StreamOptions.objects(), r -> {
            acknowledged[0]++;
            return r;
          });
      Pipeline.from(source).pipe(work).pipe(count)
          .to(Committer.of(source, batch, Duration.ofSeconds(30)))
          .onComplete(e -> settled.complete(e));
    });
    Throwable error = settled.get(60, TimeUnit.SECONDS);
    assertEquals("cannot process w550", error.getMessage());
    int reached = OnLoop.get(loop, () -> acknowledged[0]);
    assertTrue(reached <= 550, "nothing past the failing record was acknowledged: " + reached);
    // Only whole batches were committed; what was acknowledged after the last one is abandoned
    // with the failed pipeline (delivered again), and nothing from the failing record on.
    assertEquals(Map.of(0, (long) (reached / batch * batch)), broker.committed("failing", "work"));
  }
}
