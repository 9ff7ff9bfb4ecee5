package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static io.loopstreams.core.stream.ByteChunks.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-readable-resumeScheduled.js}: {@code
 * pipe}, {@code on(DATA)} and {@code resume()} switch to flowing synchronously but deliver data
 * and RESUME on the next tick.
 */
class ReadableResumeScheduledTest {

  private static Readable<ByteBuffer> idle() {
    return new Readable<>(StreamOptions.bytes()) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  @Test
  void pipeSetsFlowingAtOnceAndResumesOnTheNextTick() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      Writable<ByteBuffer> w = Writable.create(StreamOptions.bytes(), (c, cb) -> {
        ev.add("write:" + str(c));
        cb.done();
      });
      ev.add("paused:" + r.isPaused() + " flowing:" + r.readableFlowing());
      r.pipe(w);
      ev.add("afterPipe flowing:" + r.readableFlowing());
      r.on(Stream.RESUME, () -> ev.add("resume flowing:" + r.readableFlowing()));
      r.push(buf("a"));
      loop.nextTick(() -> ev.add("tick"));
    });
    assertEquals(List.of("paused:false flowing:null", "afterPipe flowing:true",
        "resume flowing:true", "write:a", "tick"), ev);
  }

  @Test
  void aDataListenerDeliversBufferedDataAfterResume() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.push(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      r.onData(d -> ev.add("data:" + d.remaining()));
      r.on(Stream.RESUME, () -> ev.add("resume"));
      ev.add("flowing:" + r.readableFlowing());
      loop.nextTick(() -> ev.add("tick flowing:" + r.readableFlowing()));
    });
    assertEquals(List.of("flowing:true", "resume", "data:3", "tick flowing:true"), ev);
  }

  @Test
  void resumeThenPauseStillEmitsResumeAndLeavesTheStreamPaused() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.on(Stream.RESUME, () -> ev.add("resume"));
      r.resume();
      r.pause();
      r.on(Stream.PAUSE, () -> ev.add("pause"));
      ev.add("paused:" + r.isPaused());
      loop.setImmediate(() -> {
        ev.add("imm paused:" + r.isPaused());
        r.resume();
        r.resume();
        ev.add("paused:" + r.isPaused());
      });
    });
    assertEquals(List.of("paused:true", "resume", "imm paused:true", "paused:false", "resume"), ev);
  }
}
