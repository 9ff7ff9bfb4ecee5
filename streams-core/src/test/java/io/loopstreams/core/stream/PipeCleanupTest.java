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
 * Re-expresses Node's {@code test/parallel/test-stream-pipe-cleanup.js}: a destination that
 * finishes or closes is unpiped (its pipe listeners removed) while the others keep receiving;
 * when the last one goes the source stops flowing.
 */
class PipeCleanupTest {

  @Test
  void aFinishedOrClosedDestinationIsUnpipedAndTheOthersKeepReceiving() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> source = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
        }
      };
      Writable<ByteBuffer> d1 = Writable.create(StreamOptions.bytes(), (c, cb) -> {
        ev.add("d1 write " + str(c));
        cb.done();
      });
      Writable<ByteBuffer> d2 = Writable.create(StreamOptions.bytes(), (c, cb) -> {
        ev.add("d2 write " + str(c));
        cb.done();
      });
      source.pipe(d1);
      source.pipe(d2);
      d1.on(Stream.UNPIPE, s -> ev.add("d1 unpipe"));
      d2.on(Stream.UNPIPE, s -> ev.add("d2 unpipe"));
      source.push(buf("x"));
      loop.setImmediate(() -> {
        d1.end();
        d1.on(Stream.FINISH, () -> {
          ev.add("d1 finish");
          loop.setImmediate(() -> {
            source.push(buf("y"));
            d2.destroy();
            d2.on(Stream.CLOSE, () -> {
              ev.add("d2 close");
              loop.setImmediate(() -> ev.add("data listeners=" + source.listenerCount(Stream.DATA)
                  + " flowing=" + source.readableFlowing()));
            });
          });
        });
      });
    });
    assertEquals(List.of("d1 write x", "d2 write x", "d1 unpipe", "d1 finish", "d2 write y",
        "d2 unpipe", "d2 close", "data listeners=0 flowing=false"), ev);
  }
}
