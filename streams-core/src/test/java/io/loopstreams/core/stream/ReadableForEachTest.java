package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Re-expresses Node's {@code test/parallel/test-stream-forEach.js}. */
class ReadableForEachTest {

  @Test
  void forEachCallsTheActionInOrderThenFulfils() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(
        Readable.from(List.of(1, 2, 3)).forEach(x -> out.add("item " + x)), out));
    assertEquals(List.of("item 1", "item 2", "item 3", "ok:null"), out);
  }

  @Test
  void asyncForEachRunsUpToConcurrencyActionsAtOnce() {
    List<String> out = new ArrayList<>();
    List<Integer> done = new ArrayList<>();
    int[] inFlight = {0};
    int[] max = {0};
    EventLoop.run(loop -> OperatorSources.settle(
        Readable.from(IntStream.rangeClosed(1, 9).boxed().toList()).forEach(x -> {
          max[0] = Math.max(max[0], ++inFlight[0]);
          return OperatorSources.later(loop, 10 - x, x).thenAccept(v -> {
            inFlight[0]--;
            done.add(v);
          });
        }, 3), out));
    assertEquals(List.of("ok:null"), out);
    assertEquals(3, max[0]);
    assertEquals(9, done.size());
  }

  @Test
  void throwingActionRejectsAndDestroysTheSource() {
    List<String> out = new ArrayList<>();
    Readable<?>[] src = new Readable<?>[1];
    EventLoop.run(loop -> {
      OperatorSources.Counting counting = new OperatorSources.Counting(1);
      src[0] = counting;
      OperatorSources.settle(counting.forEach(x -> {
        if (x == 2) {
          throw new IllegalStateException("stop");
        }
      }), out);
    });
    assertEquals(List.of("err:stop"), out);
    assertTrue(src[0].destroyed());
  }
}
