package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-expresses Node's {@code test/parallel/test-stream-toArray.js}. */
class ReadableToListTest {

  @Test
  void toListCollectsEveryItem() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(new OperatorSources.Counting(3, 50).toList(), out));
    List<Integer> expected = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      expected.add(i);
    }
    assertEquals(List.of("ok:" + expected), out);
  }

  @Test
  void toListOfAnEmptyStreamIsEmpty() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(Readable.<String>from(List.of()).toList(), out));
    assertEquals(List.of("ok:[]"), out);
  }

  @Test
  void toListRejectsWithTheSourceError() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<Integer> src = new PassThrough<>(StreamOptions.objects());
      OperatorSources.settle(src.toList(), out);
      src.write(1);
      loop.setImmediate(() -> src.destroy(new IllegalStateException("gone")));
    });
    assertEquals(List.of("err:gone"), out);
  }

  @Test
  void toListOfATransformCollectsItsOutput() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<Integer, String> t = Transform.map(StreamOptions.objects(), x -> "#" + x);
      OperatorSources.settle(t.toList(), out);
      t.write(1);
      t.write(2);
      t.end();
    });
    assertEquals(List.of("ok:[#1, #2]"), out);
  }
}
