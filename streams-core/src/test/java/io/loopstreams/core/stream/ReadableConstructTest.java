package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static io.loopstreams.core.stream.ByteChunks.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the Readable cases of Node's {@code test/parallel/test-stream-construct.js}:
 * {@code doConstruct} runs on the next tick and {@code doRead} waits for it; destroy during
 * construction waits for it, then destroys; a construction error or a second callback destroys
 * the stream.
 */
class ReadableConstructTest {

  private static Readable<ByteBuffer> constructing(List<String> ev, Consumer<Callback> construct,
      Consumer<Readable<ByteBuffer>> read) {
    return new Readable<>(StreamOptions.bytes()) {
      @Override
      protected void doConstruct(Callback callback) {
        construct.accept(callback);
      }

      @Override
      protected void doRead(long size) {
        ev.add("_read");
        read.accept(this);
      }

      @Override
      protected void doDestroy(Throwable error, Callback callback) {
        ev.add("_destroy " + (error == null ? null : error.getMessage()));
        callback.done(error);
      }
    };
  }

  @Test
  void readWaitsForAnAsynchronousConstruction() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = constructing(ev, cb -> {
        ev.add("construct");
        loop.setImmediate(() -> {
          ev.add("construct cb");
          cb.done(null);
        });
      }, self -> {
        self.push(buf("a"));
        self.push(null);
      });
      r.onData(d -> ev.add("data " + str(d)));
      r.on(Stream.END, () -> ev.add("end"));
      r.on(Stream.CLOSE, () -> ev.add("close"));
      ev.add("sync");
    });
    assertEquals(List.of("sync", "construct", "construct cb", "_read", "data a", "end",
        "_destroy null", "close"), ev);
  }

  @Test
  void destroyDuringConstructionWaitsForItAndNeverReads() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = constructing(ev, cb -> {
        ev.add("construct");
        loop.setImmediate(() -> {
          ev.add("construct cb");
          cb.done(null);
        });
      }, self -> { });
      r.on(Stream.CLOSE, () -> ev.add("close"));
      r.resume();
      r.destroy();
      ev.add("destroyed " + r.destroyed());
    });
    assertEquals(List.of("destroyed true", "construct", "construct cb", "_destroy null", "close"), ev);
  }

  @Test
  void aConstructionErrorDestroysTheStream() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = constructing(ev,
          cb -> loop.setImmediate(() -> cb.done(new RuntimeException("cfail"))), self -> { });
      r.on(Stream.ERROR, e -> ev.add("error " + e.getMessage()));
      r.on(Stream.CLOSE, () -> ev.add("close"));
      r.resume();
    });
    assertEquals(List.of("_destroy cfail", "error cfail", "close"), ev);
  }

  @Test
  void callingTheConstructCallbackTwiceFailsWithMultipleCallback() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = constructing(ev, cb -> {
        cb.done(null);
        cb.done(null);
      }, self -> { });
      r.on(Stream.ERROR, e -> ev.add("error " + ((StreamException) e).codeName()));
      r.on(Stream.CLOSE, () -> ev.add("close"));
    });
    assertEquals(List.of("_destroy Callback called multiple times", "error ERR_MULTIPLE_CALLBACK", "close"), ev);
  }

  @Test
  void aChunkPushedBeforeConstructionIsDeliveredAfterIt() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = constructing(ev, cb -> {
        ev.add("construct");
        cb.done(null);
      }, self -> { });
      ev.add("push " + r.push(buf("x")) + " len " + r.readableLength());
      r.onData(d -> ev.add("data " + str(d)));
    });
    assertEquals(List.of("push true len 1", "construct", "data x", "_read"), ev);
  }
}
