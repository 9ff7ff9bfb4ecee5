package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamSmokeTest {
  @Test
  void fromToWritableThroughPipeline() {
    List<Object> got = new ArrayList<>();
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> src = Readable.from(List.of(1, 2, 3, 4, 5));
      Transform<Integer, Integer> dbl = Transform.map(StreamOptions.objects(), x -> x * 2);
      Writable<Integer> sink = Writable.create(StreamOptions.objects(), (c, cb) -> { got.add(c); cb.done(); });
      sink.on(Stream.FINISH, () -> events.add("finish"));
      sink.on(Stream.CLOSE, () -> events.add("close"));
      Pipeline.from(src).pipe(dbl).to(sink).onComplete(e -> events.add("done:" + e));
    });
    assertEquals(List.of(2, 4, 6, 8, 10), got);
    assertEquals(List.of("finish", "close", "done:null"), events);
  }

  @Test
  void middleStageFailureDestroysAll() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> src = Readable.from(List.of(1, 2, 3, 4, 5));
      Transform<Integer, Integer> bad = Transform.map(StreamOptions.objects(), x -> { if (x == 3) throw new IllegalStateException("kaboom"); return x; });
      Writable<Integer> sink = Writable.create(StreamOptions.objects(), (c, cb) -> cb.done());
      src.on(Stream.CLOSE, () -> events.add("src close"));
      bad.on(Stream.CLOSE, () -> events.add("bad close"));
      sink.on(Stream.CLOSE, () -> events.add("sink close"));
      Pipeline.from(src).pipe(bad).to(sink).onComplete(e -> events.add("done:" + e.getMessage()));
    });
    assertTrue(events.containsAll(List.of("src close", "bad close", "sink close")), events.toString());
    assertEquals("done:kaboom", events.get(events.size() - 1));
  }

  @Test
  void writeReturnsFalseAtMarkAndOneDrain() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<Integer> w = Writable.create(StreamOptions.objects().highWaterMark(3), (c, cb) -> loop.setImmediate(cb::done));
      w.on(Stream.DRAIN, () -> events.add("drain"));
      events.add("w1:" + w.write(1));
      events.add("w2:" + w.write(2));
      events.add("w3:" + w.write(3));
      events.add("w4:" + w.write(4));
    });
    assertEquals(List.of("w1:true", "w2:true", "w3:false", "w4:false", "drain"), events);
  }
}
