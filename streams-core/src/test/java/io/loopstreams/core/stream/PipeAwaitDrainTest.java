package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static io.loopstreams.core.stream.ByteChunks.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-pipe-await-drain.js}, {@code
 * test-stream-pipe-await-drain-manual-resume.js}, {@code
 * test-stream-pipe-await-drain-push-while-write.js} and {@code test-stream2-unpipe-drain.js}: a
 * source piped to several destinations waits for the DRAIN of every destination whose write
 * returned false; unpiping the slow one releases the source.
 */
class PipeAwaitDrainTest {

  private static Readable<ByteBuffer> idle() {
    return new Readable<>(StreamOptions.bytes()) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  @Test
  void aSlowSecondDestinationHoldsBackTheFastFirstOne() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> reader = idle();
      boolean[] first = {true};
      Writable<ByteBuffer> writer1 = Writable.create(StreamOptions.bytes(), (c, cb) -> {
        ev.add("w1 write " + c.remaining());
        if (first[0]) {
          first[0] = false;
          loop.setImmediate(() -> {
            ev.add("push2");
            reader.push(ByteBuffer.allocate(560000));
            // One iteration later every tick the push caused has run: observe the reader then.
            loop.setImmediate(() -> ev.add("paused=" + reader.isPaused() + " len=" + reader.readableLength()));
          });
        }
        cb.done();
      });
      Writable<ByteBuffer> writer2 = Writable.create(StreamOptions.bytes(),
          (c, cb) -> ev.add("w2 write " + c.remaining()));
      reader.pipe(writer1);
      reader.pipe(writer2);
      reader.push(ByteBuffer.allocate(560000));
    });
    assertEquals(List.of("w1 write 560000", "w2 write 560000", "push2", "paused=true len=560000"), ev);
  }

  @Test
  void aManualResumeWhileAwaitingDrainPausesAgainOnTheNextFullWrite() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> readable = idle();
      Callback[] pending = new Callback[1];
      Writable<ByteBuffer> writable = Writable.create(StreamOptions.bytes().highWaterMark(1), (c, cb) -> {
        ev.add("write " + str(c));
        pending[0] = cb;
      });
      readable.pipe(writable);
      readable.push(buf("a"));
      readable.push(buf("b"));
      readable.push(buf("c"));
      loop.setImmediate(() -> {
        ev.add("paused=" + readable.isPaused() + " rlen=" + readable.readableLength()
            + " wlen=" + writable.writableLength());
        readable.resume();
        ev.add("resumed");
        loop.setImmediate(() -> {
          ev.add("after resume paused=" + readable.isPaused() + " flowing=" + readable.readableFlowing()
              + " rlen=" + readable.readableLength());
          pending[0].done();
          loop.setImmediate(() -> ev.add("rlen=" + readable.readableLength()));
        });
      });
    });
    assertEquals(List.of("write a", "paused=true rlen=2 wlen=1", "resumed",
        "after resume paused=true flowing=false rlen=1", "write b", "rlen=1"), ev);
  }

  @Test
  void aPushFromInsideTheDestinationsWriteIsDeliveredAndTheEndFollows() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> readable = new Readable<>(StreamOptions.bytes().highWaterMark(16)) {
        @Override
        protected void doRead(long size) {
        }
      };
      boolean[] once = {false};
      Writable<ByteBuffer> writable = Writable.create(StreamOptions.bytes().highWaterMark(16), (c, cb) -> {
        ev.add("write " + str(c));
        if (c.remaining() == 32 && !once[0]) {
          once[0] = true;
          ev.add("push inside write " + readable.push(buf("b".repeat(32))) + " rlen=" + readable.readableLength());
          loop.nextTick(() -> readable.push(null));
        }
        loop.setImmediate(cb::done);
      });
      readable.pipe(writable);
      readable.push(buf("a".repeat(32)));
      writable.on(Stream.FINISH, () -> ev.add("finish"));
    });
    assertEquals(List.of("write " + "a".repeat(32), "push inside write true rlen=0",
        "write " + "b".repeat(32), "finish"), ev);
  }

  @Test
  void unpipingWhileAwaitingDrainLetsAnotherDestinationTakeTheRest() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> src = idle();
      Callback[] pending = new Callback[1];
      Writable<ByteBuffer> dest = Writable.create(StreamOptions.bytes().highWaterMark(4), (c, cb) -> {
        ev.add("dest write " + str(c));
        pending[0] = cb;
      });
      Writable<ByteBuffer> other = Writable.create(StreamOptions.bytes(), (c, cb) -> {
        ev.add("other write " + str(c));
        cb.done();
      });
      dest.on(Stream.DRAIN, () -> ev.add("dest drain"));
      src.pipe(dest);
      src.push(buf("aaaa"));
      src.push(buf("bbbb"));
      src.push(buf("cccc"));
      loop.setImmediate(() -> {
        ev.add("paused " + src.isPaused() + " flowing " + src.readableFlowing());
        src.unpipe(dest);
        src.pipe(other);
        loop.setImmediate(() -> {
          ev.add("len " + src.readableLength());
          pending[0].done();
        });
      });
    });
    assertEquals(List.of("dest write aaaa", "paused true flowing false", "other write bbbb",
        "other write cccc", "len 0", "dest drain"), ev);
  }
}
