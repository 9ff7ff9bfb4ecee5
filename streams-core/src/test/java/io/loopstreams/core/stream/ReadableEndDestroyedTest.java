package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-readable-end-destroyed.js}: no END after
 * CLOSE; and the natural order END → CLOSE when autoDestroy finishes a drained stream.
 */
class ReadableEndDestroyedTest {

  private static Readable<ByteBuffer> idle() {
    return new Readable<>(StreamOptions.bytes()) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  @Test
  void anEndPushedAfterCloseIsNeverEmitted() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.on(Stream.END, () -> ev.add("end"));
      r.resume();
      r.destroy();
      r.on(Stream.CLOSE, () -> {
        ev.add("close");
        r.push(null);
      });
    });
    assertEquals(List.of("close"), ev);
  }

  @Test
  void aDrainedStreamEmitsEndThenCloseAndIsDestroyed() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.on(Stream.END, () -> ev.add("end"));
      r.on(Stream.CLOSE, () -> ev.add("close ended=" + r.readableEnded() + " destroyed=" + r.destroyed()));
      r.push(null);
      r.resume();
    });
    assertEquals(List.of("end", "close ended=true destroyed=true"), ev);
  }

  @Test
  void destroyingBeforeTheBufferedDataIsReadSkipsEndAndCountsAsAborted() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = idle();
      r.push(buf("x"));
      r.push(null);
      r.on(Stream.END, () -> ev.add("end"));
      r.on(Stream.CLOSE, () -> ev.add("close aborted=" + r.readableAborted()));
      r.destroy();
    });
    assertEquals(List.of("close aborted=true"), ev);
  }
}
