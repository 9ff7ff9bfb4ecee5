package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-duplex-end.js}: with {@code
 * allowHalfOpen} (the default) the readable END leaves the writable side open; with {@code
 * allowHalfOpen(false)} the writable side is ended on the tick after END.
 */
class DuplexEndTest {

  static Duplex<ByteBuffer, ByteBuffer> duplex(StreamOptions options) {
    return new Duplex<>(options) {
      @Override
      protected void doRead(long size) {
      }

      @Override
      protected void doWrite(ByteBuffer chunk, Callback callback) {
        callback.done(null);
      }
    };
  }

  @Test
  void byDefaultTheReadableEndLeavesTheWritableSideOpen() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Duplex<ByteBuffer, ByteBuffer> d = duplex(StreamOptions.bytes());
      ev.add("allowHalfOpen " + d.allowHalfOpen());
      d.on(Stream.FINISH, () -> ev.add("finish"));
      d.on(Stream.END, () -> ev.add("end"));
      d.on(Stream.CLOSE, () -> ev.add("close"));
      d.resume();
      d.push(null);
      loop.setImmediate(() -> ev.add("writable=" + d.isWritable() + " ended=" + d.writableEnded()
          + " destroyed=" + d.destroyed()));
    });
    assertEquals(List.of("allowHalfOpen true", "end", "writable=true ended=false destroyed=false"), ev);
  }

  @Test
  void withoutHalfOpenTheWritableSideEndsOnTheTickAfterEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Duplex<ByteBuffer, ByteBuffer> d = duplex(StreamOptions.bytes().allowHalfOpen(false));
      d.on(Stream.PREFINISH, () -> ev.add("prefinish"));
      d.on(Stream.FINISH, () -> ev.add("finish"));
      d.on(Stream.END, () -> {
        ev.add("end");
        loop.nextTick(() -> ev.add("tick after end ended=" + d.writableEnded()));
      });
      d.on(Stream.CLOSE, () -> ev.add("close"));
      d.resume();
      d.push(null);
    });
    assertEquals(List.of("end", "tick after end ended=false", "prefinish", "finish", "close"), ev);
  }

  @Test
  void aHalfOpenDuplexClosesOnceBothSidesAreDone() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Duplex<ByteBuffer, ByteBuffer> d = duplex(StreamOptions.bytes());
      d.on(Stream.END, () -> ev.add("end"));
      d.on(Stream.FINISH, () -> ev.add("finish"));
      d.on(Stream.CLOSE, () -> ev.add("close"));
      d.resume();
      d.push(null);
      loop.setImmediate(() -> {
        ev.add("after end");
        d.end();
      });
    });
    assertEquals(List.of("end", "after end", "finish", "close"), ev);
  }

  @Test
  void aDuplexWhoseWritableSideFinishedFirstClosesAfterTheReadableEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Duplex<ByteBuffer, ByteBuffer> d = duplex(StreamOptions.bytes());
      d.on(Stream.END, () -> ev.add("end"));
      d.on(Stream.PREFINISH, () -> ev.add("prefinish"));
      d.on(Stream.FINISH, () -> ev.add("finish"));
      d.on(Stream.CLOSE, () -> ev.add("close"));
      d.end();
      loop.setImmediate(() -> {
        ev.add("after finish destroyed " + d.destroyed());
        d.push(null);
        d.resume();
      });
    });
    assertEquals(List.of("prefinish", "finish", "after finish destroyed false", "end", "close"), ev);
  }
}
