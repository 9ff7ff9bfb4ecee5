package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-stage snapshot of the streams issue ("where is my pipeline stuck?"; no Node
 * counterpart): chunks and bytes in and out of every stage of a pipe chain, and the time a
 * stage spent blocked on backpressure.
 */
class PipeSnapshotCountersTest {

  private static String counters(StreamSnapshot s) {
    return s.name() + " in=" + s.chunksIn() + "/" + s.bytesIn() + " out=" + s.chunksOut() + "/" + s.bytesOut();
  }

  @Test
  void everyStageCountsTheChunksAndBytesThatEnteredAndLeftIt() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] next = {0};
      Readable<ByteBuffer> source = new Readable<>(StreamOptions.bytes().name("source")) {
        @Override
        protected void doRead(long size) {
          push(next[0] < 10 ? ByteBuffer.allocate(10 + next[0]++) : null);
        }
      };
      PassThrough<ByteBuffer> middle = new PassThrough<>(StreamOptions.bytes().name("middle"));
      Writable<ByteBuffer> sink = Writable.create(StreamOptions.bytes().name("sink"), (c, cb) -> cb.done());
      sink.on(Stream.FINISH, () -> {
        ev.add(counters(source.snapshot()));
        ev.add(counters(middle.snapshot()));
        ev.add(counters(sink.snapshot()));
      });
      source.pipe(middle).pipe(sink);
    });
    // 10 chunks of 10..19 bytes: 145 bytes.
    assertEquals(List.of("source in=10/145 out=10/145", "middle in=10/145 out=10/145",
        "sink in=10/145 out=10/145"), ev);
  }

  @Test
  void objectStagesCountChunksAndNoBytes() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> source = Readable.from(List.of(1, 2, 3, 4, 5));
      Writable<Integer> sink = Writable.create(StreamOptions.objects().name("sink"), (c, cb) -> cb.done());
      sink.on(Stream.FINISH, () -> {
        ev.add(counters(source.snapshot()));
        ev.add(counters(sink.snapshot()));
      });
      source.pipe(sink);
    });
    assertEquals(List.of("IteratorReadable in=5/0 out=5/0", "sink in=5/0 out=5/0"), ev);
  }

  @Test
  void aSlowSinkReportsTimeBlockedOnBackpressureAndItsBufferedAmount() {
    List<StreamSnapshot> seen = new ArrayList<>();
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<Integer> sink = Writable.create(StreamOptions.objects().highWaterMark(2).name("sink"),
          (c, cb) -> loop.setTimeout(cb::done, 2));
      ev.add("w1:" + sink.write(1));
      ev.add("w2:" + sink.write(2));
      ev.add("w3:" + sink.write(3));
      seen.add(sink.snapshot());
      sink.on(Stream.DRAIN, () -> {
        ev.add("drain");
        seen.add(sink.snapshot());
        sink.end();
      });
    });
    assertEquals(List.of("w1:true", "w2:false", "w3:false", "drain"), ev);
    StreamSnapshot blocked = seen.get(0);
    assertEquals(3, blocked.writableBuffered());
    assertEquals(-1, blocked.readableBuffered());
    assertTrue(blocked.state().contains("NEED_DRAIN"), blocked.state());
    StreamSnapshot drained = seen.get(1);
    assertEquals(0, drained.writableBuffered());
    assertEquals(3, drained.chunksIn());
    assertTrue(drained.blockedMillis() > 0, "blockedMillis " + drained.blockedMillis());
  }

  @Test
  void aSourceHeldAtItsMarkByASlowSinkReportsTimeBlockedOnBackpressure() {
    List<StreamSnapshot> seen = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] next = {0};
      Readable<Integer> source = new Readable<>(StreamOptions.objects().highWaterMark(2).name("source")) {
        @Override
        protected void doRead(long size) {
          push(next[0] < 10 ? next[0]++ : null);
        }
      };
      Writable<Integer> sink = Writable.create(StreamOptions.objects().highWaterMark(1).name("sink"),
          (c, cb) -> loop.setTimeout(cb::done, 2));
      loop.setTimeout(() -> seen.add(source.snapshot()), 5);
      sink.on(Stream.FINISH, () -> seen.add(source.snapshot()));
      source.pipe(sink);
    });
    StreamSnapshot whileBlocked = seen.get(0);
    assertEquals(2, whileBlocked.readableBuffered());
    assertTrue(whileBlocked.state().contains("FULL"), whileBlocked.state());
    StreamSnapshot done = seen.get(1);
    assertEquals(10, done.chunksIn());
    assertEquals(10, done.chunksOut());
    assertTrue(done.blockedMillis() > 0, "blockedMillis " + done.blockedMillis());
  }
}
