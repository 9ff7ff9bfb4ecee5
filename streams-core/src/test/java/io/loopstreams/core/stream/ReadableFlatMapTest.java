package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-expresses Node's {@code test/parallel/test-stream-flatMap.js}. */
class ReadableFlatMapTest {

  @Test
  void flatMapIterableFlattensInOrder() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(Readable.from(List.of(1, 2, 3))
        .flatMapIterable(x -> List.of(x, x)).toList(), out));
    assertEquals(List.of("ok:[1, 1, 2, 2, 3, 3]"), out);
  }

  @Test
  void flatMapOfStreamsConsumesOneInnerStreamAfterTheOther() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(Readable.from(List.of("a", "b", "c"))
        .flatMap(s -> Readable.from(List.of(s + 1, s + 2))).toList(), out));
    assertEquals(List.of("ok:[a1, a2, b1, b2, c1, c2]"), out);
  }

  @Test
  void emptyInnerSequencesAreSkipped() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(Readable.from(List.of(0, 1, 0, 2))
        .flatMapIterable(x -> x == 0 ? List.<Integer>of() : List.of(x)).toList(), out));
    assertEquals(List.of("ok:[1, 2]"), out);
  }

  @Test
  void innerStreamErrorDestroysTheResultAndTheSource() {
    List<String> out = new ArrayList<>();
    Readable<?>[] src = new Readable<?>[1];
    EventLoop.run(loop -> {
      Readable<Integer> source = Readable.from(List.of(1, 2, 3));
      src[0] = source;
      source.on(Stream.CLOSE, () -> out.add("source close"));
      Readable<Integer> flat = source.flatMap(x -> {
        Readable<Integer> inner = Readable.from(List.of(x));
        if (x == 2) {
          inner.destroy(new IllegalStateException("inner failed"));
        }
        return inner;
      });
      OperatorSources.settle(flat.toList(), out);
    });
    assertEquals(List.of("source close", "err:inner failed"), out);
    assertTrue(src[0].destroyed());
  }

  @Test
  void takeOfAnEndlessFlatMapStops() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      OperatorSources.Counting src = new OperatorSources.Counting(1);
      OperatorSources.settle(src.flatMapIterable(x -> List.of(x, -x)).take(5).toList(), out);
    });
    assertEquals(List.of("ok:[1, -1, 2, -2, 3]"), out);
  }
}
