package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-pipe-error-handling.js}: a destination
 * error unpipes it, reaches the destination's own ERROR listeners, and leaves the source alone
 * (pipe never destroys); with no other listener the error is not swallowed.
 */
class PipeErrorHandlingTest {

  private static Readable<ByteBuffer> idle() {
    return new Readable<>(StreamOptions.bytes()) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  @Test
  void aFailingDestinationIsUnpipedAndTheSourceIsNotDestroyed() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> source = idle();
      Writable<ByteBuffer> dest = Writable.create(StreamOptions.bytes(),
          (c, cb) -> cb.done(new RuntimeException("boom")));
      dest.on(Stream.UNPIPE, s -> ev.add("unpipe"));
      dest.on(Stream.ERROR, e -> ev.add("dest error " + e.getMessage()));
      dest.on(Stream.CLOSE, () -> ev.add("dest close"));
      source.on(Stream.CLOSE, () -> ev.add("src close"));
      source.pipe(dest);
      source.push(buf("a"));
      loop.setImmediate(() -> ev.add("src destroyed=" + source.destroyed() + " flowing=" + source.readableFlowing()));
    });
    assertEquals(List.of("unpipe", "dest error boom", "dest close", "src destroyed=false flowing=false"), ev);
  }

  @Test
  void anErrorEmittedOnADestinationWithoutOtherListenersDestroysItAndIsUncaughtOnTheNextTick() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.onUncaughtException((e, origin) -> ev.add("uncaught " + e.getMessage()));
      Readable<ByteBuffer> source = idle();
      Writable<ByteBuffer> dest = Writable.create(StreamOptions.bytes(), (c, cb) -> cb.done());
      source.pipe(dest);
      dest.emit(Stream.ERROR, new RuntimeException("unhandled"));
      ev.add("pipes left=" + source.listenerCount(Stream.DATA) + " dest destroyed=" + dest.destroyed());
    });
    assertEquals(List.of("pipes left=0 dest destroyed=true", "uncaught unhandled"), ev);
  }

  @Test
  void pipingIntoAnEndedDestinationUnpipesOnItsFinishWithoutWriting() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> src = idle();
      Writable<ByteBuffer> dest = Writable.create(StreamOptions.bytes(), (c, cb) -> {
        ev.add("write");
        cb.done();
      });
      dest.on(Stream.ERROR, e -> ev.add("dest error " + e.getMessage()));
      dest.on(Stream.UNPIPE, s -> ev.add("unpipe"));
      dest.on(Stream.CLOSE, () -> ev.add("dest close"));
      dest.end();
      src.pipe(dest);
      src.push(buf("a"));
      loop.setImmediate(() -> ev.add("src flowing " + src.readableFlowing() + " destroyed " + src.destroyed()));
    });
    assertEquals(List.of("unpipe", "dest close", "src flowing false destroyed false"), ev);
  }

  @Test
  void aSourceErrorIsNotForwardedByPipe() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> src = idle();
      PassThrough<ByteBuffer> pt = new PassThrough<>(StreamOptions.bytes());
      src.pipe(pt);
      src.on(Stream.CLOSE, () -> ev.add("src close"));
      pt.on(Stream.CLOSE, () -> ev.add("pt close"));
      pt.on(Stream.UNPIPE, s -> ev.add("pt unpipe"));
      src.on(Stream.ERROR, e -> ev.add("src error " + e.getMessage()));
      src.push(buf("a"));
      loop.setImmediate(() -> {
        src.destroy(new RuntimeException("srcfail"));
        loop.setImmediate(() -> ev.add("pt destroyed " + pt.destroyed() + " ended " + pt.writableEnded()
            + " data listeners " + src.listenerCount(Stream.DATA)));
      });
    });
    assertEquals(List.of("src error srcfail", "src close", "pt destroyed false ended false data listeners 1"), ev);
  }
}
