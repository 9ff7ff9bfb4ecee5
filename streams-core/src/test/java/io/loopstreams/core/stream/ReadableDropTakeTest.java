package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-expresses Node's {@code test/parallel/test-stream-drop-take.js}. */
class ReadableDropTakeTest {

  @Test
  void takeDestroysItsSourceAfterNItems() {
    List<String> out = new ArrayList<>();
    OperatorSources.Counting[] src = new OperatorSources.Counting[1];
    EventLoop.run(loop -> {
      src[0] = new OperatorSources.Counting(2);
      src[0].on(Stream.CLOSE, () -> out.add("source close"));
      src[0].on(Stream.END, () -> out.add("source end"));
      OperatorSources.settle(src[0].take(3).toList(), out);
    });
    assertEquals(List.of("source close", "ok:[1, 2, 3]"), out);
    assertTrue(src[0].destroyed());
    // 3 taken, plus at most the source's read-ahead (its mark of 2).
    assertTrue(src[0].pulled >= 3 && src[0].pulled <= 5, "pulled " + src[0].pulled);
  }

  @Test
  void takeMoreThanAvailableEndsWithTheSource() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(Readable.from(List.of(1, 2)).take(5).toList(), out));
    assertEquals(List.of("ok:[1, 2]"), out);
  }

  @Test
  void takeZeroEndsWithoutItemsAndDestroysTheSource() {
    List<String> out = new ArrayList<>();
    OperatorSources.Counting[] src = new OperatorSources.Counting[1];
    EventLoop.run(loop -> {
      src[0] = new OperatorSources.Counting(1);
      OperatorSources.settle(src[0].take(0).toList(), out);
    });
    assertEquals(List.of("ok:[]"), out);
    assertTrue(src[0].destroyed());
    assertEquals(0, src[0].pulled);
  }

  @Test
  void dropSkipsTheFirstNItems() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(Readable.from(List.of(1, 2, 3, 4, 5)).drop(2).toList(), out));
    assertEquals(List.of("ok:[3, 4, 5]"), out);
  }

  @Test
  void dropMoreThanAvailableGivesNothing() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(Readable.from(List.of(1, 2)).drop(5).toList(), out));
    assertEquals(List.of("ok:[]"), out);
  }

  @Test
  void dropThenTakeComposeLikeNode() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(
        new OperatorSources.Counting(4).drop(2).take(3).toList(), out));
    assertEquals(List.of("ok:[3, 4, 5]"), out);
  }

  @Test
  void negativeCountsAreOutOfRange() {
    EventLoop.run(loop -> {
      Readable<Integer> src = Readable.from(List.of(1));
      for (StreamException e : List.of(
          assertThrows(StreamException.class, () -> src.take(-1)),
          assertThrows(StreamException.class, () -> src.drop(-1)))) {
        assertEquals(ErrorCode.ERR_OUT_OF_RANGE, e.code());
        assertEquals("The value of \"number\" is out of range. It must be >= 0 && <= 9007199254740991. "
            + "Received -1", e.getMessage());
      }
      src.destroy();
    });
  }

  @Test
  void destroyingTakeDestroysTheSource() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      OperatorSources.Counting src = new OperatorSources.Counting(1);
      src.on(Stream.CLOSE, () -> out.add("source close"));
      Readable<Integer> first = src.take(100);
      first.on(Stream.CLOSE, () -> out.add("take close"));
      first.onData(x -> {
        if (x == 2) {
          first.destroy();
        }
      });
    });
    assertEquals(List.of("source close", "take close"), out);
  }
}
