package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Re-expresses Node's {@code test/parallel/test-stream-filter.js}. */
class ReadableFilterTest {

  @Test
  void filterKeepsTheItemsThePredicateAccepts() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(
        Readable.from(IntStream.rangeClosed(1, 10).boxed().toList()).filter(x -> x % 3 == 0).toList(), out));
    assertEquals(List.of("ok:[3, 6, 9]"), out);
  }

  @Test
  void asyncFilterWithConcurrencyKeepsSourceOrder() {
    List<String> out = new ArrayList<>();
    int[] inFlight = {0};
    int[] max = {0};
    EventLoop.run(loop -> {
      Readable<Integer> kept = Readable.from(IntStream.rangeClosed(1, 10).boxed().toList())
          .filter(x -> {
            max[0] = Math.max(max[0], ++inFlight[0]);
            return OperatorSources.later(loop, 11 - x, x % 2 == 0).map(b -> {
              inFlight[0]--;
              return b;
            });
          }, 3);
      OperatorSources.settle(kept.toList(), out);
    });
    assertEquals(List.of("ok:[2, 4, 6, 8, 10]"), out);
    assertEquals(3, max[0]);
  }

  @Test
  void rejectedPredicateRejectsConsumerAndDestroysSource() {
    List<String> out = new ArrayList<>();
    Readable<?>[] src = new Readable<?>[1];
    EventLoop.run(loop -> {
      OperatorSources.Counting counting = new OperatorSources.Counting(1);
      src[0] = counting;
      OperatorSources.settle(counting.filter(x -> x < 4 ? Promise.resolved(loop, true)
          : Promise.<Boolean>rejected(loop, new IllegalStateException("no")), 2).toList(), out);
    });
    assertEquals(List.of("err:no"), out);
    assertTrue(src[0].destroyed());
  }

  @Test
  void filterOfAnEmptyStreamEnds() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(
        Readable.<Integer>from(List.of()).filter(x -> true).toList(), out));
    assertEquals(List.of("ok:[]"), out);
  }
}
