package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * No Node counterpart (Node has one thread): every public mutator of a stream fails fast with
 * an {@link IllegalStateException} naming both threads when called off its loop, and leaves
 * the stream untouched; {@code loop.execute} is the way in.
 */
class ReadableThreadConfinementTest {

  /** Runs {@code action} on a fresh thread named "intruder" and returns what it threw. */
  private static Throwable fromAnotherThread(Runnable action) {
    Throwable[] thrown = new Throwable[1];
    Thread t = new Thread(() -> {
      try {
        action.run();
      } catch (Throwable e) {
        thrown[0] = e;
      }
    }, "intruder");
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return thrown[0];
  }

  @Test
  void pushReadPauseResumePipeAndDestroyFailFastOffTheLoop() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
        }
      };
      PassThrough<ByteBuffer> dest = new PassThrough<>(StreamOptions.bytes());
      List<Consumer<Readable<ByteBuffer>>> calls = List.of(
          s -> s.push(buf("x")), s -> s.read(), s -> s.pause(), s -> s.resume(),
          s -> s.pipe(dest), s -> s.unshift(buf("y")), s -> s.destroy());
      for (Consumer<Readable<ByteBuffer>> call : calls) {
        Throwable t = fromAnotherThread(() -> call.accept(r));
        ev.add(t == null ? "no error" : t.getClass().getSimpleName());
        assertTrue(t != null && t.getMessage().startsWith("called from thread intruder"), String.valueOf(t));
      }
      ev.add("len " + r.readableLength() + " flowing " + r.readableFlowing() + " destroyed " + r.destroyed());
      r.destroy();
      dest.destroy();
    });
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      expected.add("IllegalStateException");
    }
    expected.add("len 0 flowing null destroyed false");
    assertEquals(expected, ev);
  }

  @Test
  void executeHandsWorkFromAnotherThreadToTheLoop() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.onData(d -> ev.add("data on " + Thread.currentThread().getName().equals("intruder")));
      Throwable t = fromAnotherThread(() -> loop.execute(() -> {
        r.push(buf("x"));
        r.push(null);
      }));
      ev.add("execute threw " + t);
    });
    assertEquals(List.of("execute threw null", "data on false"), ev);
  }
}
