package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-duplex-destroy.js}: destroying a duplex
 * destroys both sides at once, emits ERROR then CLOSE once, neither END nor FINISH; a write
 * after destroy fails with {@code ERR_STREAM_DESTROYED} in its callback only.
 */
class DuplexDestroyTest {

  @Test
  void destroyWithErrorEndsBothSidesAndEmitsErrorThenCloseOnce() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Duplex<ByteBuffer, ByteBuffer> d = DuplexEndTest.duplex(StreamOptions.bytes());
      d.resume();
      d.on(Stream.END, () -> ev.add("end"));
      d.on(Stream.FINISH, () -> ev.add("finish"));
      d.on(Stream.CLOSE, () -> ev.add("close"));
      d.on(Stream.ERROR, e -> ev.add("error " + e.getMessage()));
      d.destroy(new RuntimeException("kaboom"));
      ev.add("destroyed=" + d.destroyed() + " readable=" + d.isReadable() + " writable=" + d.isWritable());
      d.destroy(new RuntimeException("again"));
    });
    assertEquals(List.of("destroyed=true readable=false writable=false", "error kaboom", "close"), ev);
  }

  @Test
  void aWriteAfterDestroyFailsInItsCallbackAfterClose() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Duplex<ByteBuffer, ByteBuffer> d = DuplexEndTest.duplex(StreamOptions.bytes());
      d.on(Stream.CLOSE, () -> ev.add("close"));
      d.on(Stream.ERROR, e -> ev.add("error " + ((StreamException) e).codeName()));
      d.destroy();
      ev.add("write ret " + d.write(buf("x"), err -> ev.add("write cb " + ((StreamException) err).codeName())));
    });
    assertEquals(List.of("write ret false", "close", "write cb ERR_STREAM_DESTROYED"), ev);
  }

  @Test
  void destroyWithoutErrorBeforeTheEndEmitsOnlyClose() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Duplex<ByteBuffer, ByteBuffer> d = DuplexEndTest.duplex(StreamOptions.bytes());
      d.resume();
      d.on(Stream.END, () -> ev.add("end"));
      d.on(Stream.FINISH, () -> ev.add("finish"));
      d.on(Stream.CLOSE, () -> ev.add("close aborted=" + d.readableAborted()));
      d.write(buf("a"));
      d.push(buf("b"));
      d.destroy();
    });
    assertEquals(List.of("close aborted=true"), ev);
  }
}
