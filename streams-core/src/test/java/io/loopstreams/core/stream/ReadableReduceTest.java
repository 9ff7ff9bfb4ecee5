package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-expresses Node's {@code test/parallel/test-stream-reduce.js}. */
class ReadableReduceTest {

  @Test
  void reduceWithInitialValueFoldsEveryItem() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(
        Readable.from(List.of(1, 2, 3, 4)).reduce((Integer acc, Integer x) -> acc + x, 10), out));
    assertEquals(List.of("ok:20"), out);
  }

  @Test
  void reduceWithoutInitialValueStartsFromTheFirstItem() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(
        Readable.from(List.of("a", "b", "c")).reduce((a, b) -> a + b), out));
    assertEquals(List.of("ok:abc"), out);
  }

  @Test
  void emptyStreamWithoutInitialValueRejects() {
    List<Throwable> errors = new ArrayList<>();
    EventLoop.run(loop -> Readable.<Integer>from(List.of()).reduce(Integer::sum)
        .onSettled((v, e) -> errors.add(e)));
    assertEquals(1, errors.size());
    StreamException e = (StreamException) errors.get(0);
    assertEquals("ERR_MISSING_ARGS", e.codeName());
    assertEquals("Reduce of an empty stream requires an initial value", e.getMessage());
  }

  @Test
  void emptyStreamWithInitialValueFulfilsWithIt() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(
        Readable.<Integer>from(List.of()).reduce((Integer acc, Integer x) -> acc + x, 7), out));
    assertEquals(List.of("ok:7"), out);
  }

  @Test
  void throwingReducerRejectsAndDestroysTheSource() {
    List<String> out = new ArrayList<>();
    Readable<?>[] src = new Readable<?>[1];
    EventLoop.run(loop -> {
      OperatorSources.Counting counting = new OperatorSources.Counting(2);
      src[0] = counting;
      OperatorSources.settle(counting.reduce((Integer acc, Integer x) -> {
        if (x == 5) {
          throw new IllegalArgumentException("too big");
        }
        return acc + x;
      }, 0), out);
    });
    assertEquals(List.of("err:too big"), out);
    assertTrue(src[0].destroyed());
  }
}
