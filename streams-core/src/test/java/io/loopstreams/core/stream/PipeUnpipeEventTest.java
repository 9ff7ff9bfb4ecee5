package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-unpipe-event.js}: UNPIPE is emitted when
 * the source ends (with or without {@code end}) or is unpiped explicitly, never while a
 * never-ending source stays piped. The source's DATA listener count stands in for Node's {@code
 * _readableState.pipes.length}.
 */
class PipeUnpipeEventTest {

  private static List<String> run(boolean quickEnd, boolean end, boolean unpipe) {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<ByteBuffer> dest = Writable.create(StreamOptions.bytes(), (c, cb) -> cb.done());
      Readable<ByteBuffer> src = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
          if (quickEnd) {
            push(null);
          }
        }
      };
      dest.on(Stream.PIPE, s -> ev.add("pipe"));
      dest.on(Stream.UNPIPE, s -> ev.add("unpipe"));
      dest.on(Stream.FINISH, () -> ev.add("finish"));
      src.pipe(dest, end);
      if (unpipe) {
        src.unpipe(dest);
      }
      loop.setImmediate(() -> ev.add("pipes " + src.listenerCount(Stream.DATA)));
    });
    return ev;
  }

  @Test
  void aSourceThatEndsUnpipesAfterFinishingTheDestination() {
    assertEquals(List.of("pipe", "finish", "unpipe", "pipes 0"), run(true, true, false));
  }

  @Test
  void aSourceThatNeverEndsStaysPiped() {
    assertEquals(List.of("pipe", "pipes 1"), run(false, true, false));
  }

  @Test
  void anExplicitUnpipeEmitsUnpipe() {
    assertEquals(List.of("pipe", "unpipe", "pipes 0"), run(false, true, true));
  }

  @Test
  void withEndFalseASourceThatEndsUnpipesWithoutFinishing() {
    assertEquals(List.of("pipe", "unpipe", "pipes 0"), run(true, false, false));
  }

  @Test
  void withEndFalseASourceThatNeverEndsStaysPiped() {
    assertEquals(List.of("pipe", "pipes 1"), run(false, false, false));
  }

  @Test
  void withEndFalseAnExplicitUnpipeEmitsUnpipe() {
    assertEquals(List.of("pipe", "unpipe", "pipes 0"), run(false, false, true));
  }
}
