package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code write()}'s return value as Node 20.20's {@code writeOrBuffer} computes it: after the
 * chunk was handed to the hook, {@code length < hwm || length == 0}, and the pipe behaviour it
 * implies (no pause while every write completes synchronously). Checked against Node v20.20's
 * {@code lib/internal/streams/writable.js}.
 */
class WritableWriteReturnValueTest {

  @Test
  void aChunkTheSinkCompletedSynchronouslyDoesNotCountTowardTheMark() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<ByteBuffer> w = Writable.create(StreamOptions.bytes().highWaterMark(4), (c, cb) -> cb.done());
      w.on(Stream.DRAIN, () -> events.add("drain"));
      events.add("w1:" + w.write(ByteBuffer.allocate(4)));
      events.add("w2:" + w.write(ByteBuffer.allocate(10)));
    });
    assertEquals(List.of("w1:true", "w2:true"), events);
  }

  @Test
  void aPendingWriteCountsAndDrainFollows() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<ByteBuffer> w = Writable.create(StreamOptions.bytes().highWaterMark(4),
          (c, cb) -> loop.setImmediate(cb::done));
      w.on(Stream.DRAIN, () -> events.add("drain"));
      events.add("w1:" + w.write(ByteBuffer.allocate(4)));
    });
    assertEquals(List.of("w1:false", "drain"), events);
  }

  @Test
  void withMarkZeroAnEmptyBufferAcceptsAndAPendingWriteDoesNot() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<Integer> sync = Writable.create(StreamOptions.objects().highWaterMark(0), (c, cb) -> cb.done());
      events.add("sync:" + sync.write(1));
      Writable<Integer> async = Writable.create(StreamOptions.objects().highWaterMark(0),
          (c, cb) -> loop.setImmediate(cb::done));
      events.add("async:" + async.write(1));
    });
    assertEquals(List.of("sync:true", "async:false"), events);
  }

  @Test
  void aPipeIntoASynchronousSinkOnlyPausesWhenItUnpipesAtTheEnd() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> src = Readable.from(List.of(1, 2, 3, 4, 5));
      src.on(Stream.PAUSE, () -> events.add("pause"));
      Writable<Integer> sink = Writable.create(StreamOptions.objects().highWaterMark(1), (c, cb) -> {
        events.add("write " + c);
        cb.done();
      });
      src.pipe(sink);
    });
    // No pause per chunk even with a mark of 1; the one pause is unpipe's after FINISH (Node).
    assertEquals(List.of("write 1", "write 2", "write 3", "write 4", "write 5", "pause"), events);
  }
}
