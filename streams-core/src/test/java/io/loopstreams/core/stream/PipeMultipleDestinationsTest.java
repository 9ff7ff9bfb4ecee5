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
 * Re-expresses Node's {@code test/parallel/test-stream-pipe-multiple-pipes.js} and {@code
 * test-stream-pipe-same-destination-twice.js}: every destination of one source receives every
 * chunk; piping the same destination twice writes each chunk twice until one pipe is removed.
 */
class PipeMultipleDestinationsTest {

  private static Readable<ByteBuffer> idle() {
    return new Readable<>(StreamOptions.bytes()) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  @Test
  void everySlowDestinationReceivesEveryChunkAndFinishes() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> readable = idle();
      for (int i = 0; i < 5; i++) {
        StringBuilder out = new StringBuilder();
        Writable<ByteBuffer> w = Writable.create(StreamOptions.bytes(), (c, cb) -> {
          out.append(str(c));
          loop.setImmediate(cb::done);
        });
        int n = i;
        w.on(Stream.FINISH, () -> ev.add("finish " + n + " " + out));
        readable.pipe(w);
      }
      readable.push(buf("ab"));
      readable.push(buf("cd"));
      readable.push(null);
    });
    assertEquals(List.of("finish 0 abcd", "finish 1 abcd", "finish 2 abcd", "finish 3 abcd",
        "finish 4 abcd"), ev);
  }

  @Test
  void theSameDestinationPipedTwiceGetsEachChunkTwiceUntilUnpiped() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> src = idle();
      Writable<ByteBuffer> dest = Writable.create(StreamOptions.bytes(), (c, cb) -> {
        ev.add("write " + str(c));
        cb.done();
      });
      src.pipe(dest);
      src.pipe(dest);
      ev.add("data listeners " + src.listenerCount(Stream.DATA));
      src.push(buf("a"));
      loop.setImmediate(() -> {
        src.unpipe(dest);
        ev.add("after unpipe data " + src.listenerCount(Stream.DATA));
        src.push(buf("b"));
        loop.setImmediate(() -> {
          src.unpipe(dest);
          ev.add("data " + src.listenerCount(Stream.DATA) + " flowing " + src.readableFlowing());
        });
      });
    });
    assertEquals(List.of("data listeners 2", "write a", "write a", "after unpipe data 1", "write b",
        "data 0 flowing false"), ev);
  }
}
