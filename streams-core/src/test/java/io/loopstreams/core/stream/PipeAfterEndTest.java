package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-pipe-after-end.js}: piping a source that
 * already emitted END still ends the destination (on the next tick), after PIPE.
 */
class PipeAfterEndTest {

  @Test
  void pipingAnEndedSourceEndsTheDestination() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.push(null);
      r.on(Stream.END, () -> {
        ev.add("end");
        Writable<ByteBuffer> w = Writable.create(StreamOptions.bytes(), (c, cb) -> cb.done());
        w.on(Stream.FINISH, () -> ev.add("w finish"));
        w.on(Stream.PIPE, src -> ev.add("w pipe"));
        r.pipe(w);
        ev.add("piped");
      });
      r.resume();
    });
    assertEquals(List.of("end", "w pipe", "piped", "w finish"), ev);
  }

  @Test
  void pipingAnEndedSourceWithEndFalseLeavesTheDestinationOpen() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.push(null);
      r.on(Stream.END, () -> {
        Writable<ByteBuffer> w = Writable.create(StreamOptions.bytes(), (c, cb) -> cb.done());
        w.on(Stream.FINISH, () -> ev.add("w finish"));
        w.on(Stream.UNPIPE, src -> ev.add("w unpipe"));
        r.pipe(w, false);
        loop.setImmediate(() -> ev.add("ended=" + w.writableEnded()));
      });
      r.resume();
    });
    assertEquals(List.of("w unpipe", "ended=false"), ev);
  }
}
