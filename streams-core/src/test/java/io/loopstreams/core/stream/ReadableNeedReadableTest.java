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
 * Re-expresses Node's {@code test/parallel/test-stream-readable-needReadable.js} and {@code
 * test-stream-readable-emittedReadable.js} through what they make observable: when READABLE
 * fires, how pushes in the same tick coalesce into one event, and what {@code read} returns.
 */
class ReadableNeedReadableTest {

  private static Readable<ByteBuffer> idle() {
    return new Readable<>(StreamOptions.bytes()) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  @Test
  void aReadableListenerReadsTheDataThenTheEndFollows() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.on(Stream.READABLE, () -> {
        ev.add("readable");
        ev.add("read:" + str(r.read()));
      });
      r.push(buf("foo"));
      r.push(null);
      r.on(Stream.END, () -> ev.add("end"));
    });
    assertEquals(List.of("readable", "read:foo", "end"), ev);
  }

  @Test
  void pushesInTheSameTickCoalesceIntoOneReadableEvent() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.on(Stream.READABLE, () -> {
        ev.add("readable");
        ev.add("read:" + str(r.read()));
      });
      loop.nextTick(() -> r.push(buf("foooo")));
      loop.nextTick(() -> r.push(buf("bar")));
      loop.setImmediate(() -> {
        ev.add("push null");
        r.push(null);
      });
      r.on(Stream.END, () -> ev.add("end"));
    });
    assertEquals(List.of("readable", "read:foooobar", "push null", "readable", "read:null", "end"), ev);
  }

  @Test
  void aFlowingStreamDeliversBufferedChunksOneByOneWithoutReadable() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.push(buf("foooo"));
      r.push(buf("bar"));
      r.push(buf("quo"));
      loop.nextTick(() -> {
        ev.add("push null");
        r.push(null);
      });
      r.onData(d -> ev.add("data:" + str(d)));
      r.on(Stream.END, () -> ev.add("end"));
    });
    assertEquals(List.of("push null", "data:foooo", "data:bar", "data:quo", "end"), ev);
  }

  @Test
  void aReadOfMoreThanIsBufferedWaitsForEnoughDataOrTheEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.on(Stream.READABLE, () -> {
        ev.add("readable");
        ev.add("read8:" + str(r.read(8)));
      });
      loop.nextTick(() -> {
        ev.add("push");
        r.push(buf("foo"));
        loop.nextTick(() -> {
          ev.add("push");
          r.push(buf("foo"));
          loop.nextTick(() -> {
            ev.add("push");
            r.push(buf("foo"));
            loop.nextTick(() -> {
              ev.add("push null");
              r.push(null);
            });
          });
        });
      });
      r.on(Stream.END, () -> ev.add("end"));
    });
    assertEquals(List.of("push", "readable", "read8:null", "push", "readable", "read8:null", "push",
        "readable", "read8:foofoofo", "push null", "readable", "read8:o", "end"), ev);
  }

  @Test
  void readableIsEmittedOncePerBatchOfPushesAndOnceMoreForTheEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.on(Stream.READABLE, () -> {
        ev.add("readable");
        ev.add("read:" + str(r.read()));
      });
      loop.nextTick(() -> r.push(buf("foo")));
      loop.nextTick(() -> r.push(buf("bar")));
      loop.setImmediate(() -> {
        r.push(buf("quo"));
        loop.nextTick(() -> r.push(null));
      });
      r.on(Stream.END, () -> ev.add("end"));
    });
    assertEquals(List.of("readable", "read:foobar", "readable", "read:quo", "readable", "read:null", "end"), ev);
  }
}
