package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-readable-destroy.js}: destroy sets
 * {@code destroyed} at once, emits ERROR (if any) then CLOSE once on the next tick, never END,
 * and nothing after CLOSE; a custom {@code doDestroy} can swallow or replace the error.
 */
class ReadableDestroyTest {

  private static Readable<ByteBuffer> readable(List<String> ev, BiConsumer<Throwable, Callback> destroyHook) {
    Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
      @Override
      protected void doRead(long size) {
        ev.add("_read");
      }

      @Override
      protected void doDestroy(Throwable error, Callback callback) {
        if (destroyHook == null) {
          super.doDestroy(error, callback);
        } else {
          destroyHook.accept(error, callback);
        }
      }
    };
    r.on(Stream.END, () -> ev.add("end"));
    r.on(Stream.ERROR, e -> ev.add("error:" + e.getMessage()));
    r.on(Stream.CLOSE, () -> ev.add("close"));
    return r;
  }

  @Test
  void destroyWithoutErrorEmitsOnlyCloseOnTheNextTick() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = readable(ev, null);
      r.resume();
      r.destroy();
      ev.add("destroyed:" + r.destroyed());
    });
    assertEquals(List.of("destroyed:true", "close"), ev);
  }

  @Test
  void destroyWithErrorEmitsErrorThenCloseOnceAndNoEnd() {
    List<String> ev = new ArrayList<>();
    RuntimeException kaboom = new RuntimeException("kaboom");
    Throwable[] seen = new Throwable[1];
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = readable(ev, null);
      r.resume();
      r.on(Stream.ERROR, e -> seen[0] = e);
      r.destroy(kaboom);
      r.destroy(new RuntimeException("second"));
      ev.add("destroyed:" + r.destroyed() + " errored:" + r.errored().getMessage());
    });
    assertEquals(List.of("destroyed:true errored:kaboom", "error:kaboom", "close"), ev);
    assertSame(kaboom, seen[0]);
  }

  @Test
  void doDestroyReceivesTheErrorAndPassesItOn() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = readable(ev, (err, cb) -> {
        ev.add("_destroy:" + err.getMessage());
        cb.done(err);
      });
      r.destroy(new RuntimeException("kaboom"));
    });
    assertEquals(List.of("_destroy:kaboom", "error:kaboom", "close"), ev);
  }

  @Test
  void doDestroyCallingBackWithoutTheErrorSwallowsIt() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = readable(ev, (err, cb) -> cb.done(null));
      r.destroy(new RuntimeException("kaboom"));
    });
    assertEquals(List.of("close"), ev);
  }

  @Test
  void doDestroyCallingBackWithANewErrorEmitsThatError() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = readable(ev, (err, cb) -> {
        ev.add("_destroy:" + err);
        cb.done(new RuntimeException("late"));
      });
      r.destroy();
      ev.add("sync errored:" + r.errored().getMessage());
    });
    assertEquals(List.of("_destroy:null", "sync errored:late", "error:late", "close"), ev);
  }

  @Test
  void anEndPushedWhileDestroyingDoesNotEmitEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer>[] ref = new Readable[1];
      ref[0] = readable(ev, (err, cb) -> loop.nextTick(() -> {
        ref[0].push(null);
        cb.done(null);
      }));
      ref[0].resume();
      ref[0].destroy();
    });
    assertEquals(List.of("close"), ev);
  }

  @Test
  void theDestroyCallbackGetsTheErrorBeforeErrorAndClose() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = readable(ev, null);
      r.resume();
      r.destroy(new RuntimeException("kaboom"), err -> ev.add("cb:" + err.getMessage()));
      ev.add("sync");
    });
    assertEquals(List.of("cb:kaboom", "sync", "error:kaboom", "close"), ev);
  }

  @Test
  void theFirstErrorWinsWhenDestroyIsCalledAgainBeforeDoDestroyCallsBack() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = readable(ev, (err, cb) -> loop.nextTick(() -> cb.done(new RuntimeException("kaboom 1"))));
      r.destroy();
      r.destroy(new RuntimeException("kaboom 2"));
      ev.add("errored:" + r.errored());
    });
    assertEquals(List.of("errored:null", "error:kaboom 1", "close"), ev);
  }

  @Test
  void pushAfterDestroyIsDroppedAndReadDoesNotCallDoRead() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = readable(ev, null);
      r.destroy();
      ev.add("push:" + r.push(buf("hi")));
      ev.add("read:" + r.read());
      r.onData(d -> ev.add("data"));
    });
    assertEquals(List.of("push:false", "read:null", "close"), ev);
  }

  @Test
  void aDoReadThatThrowsDestroysTheStreamWithItsError() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
          ev.add("_read");
          throw new IllegalStateException("boom");
        }
      };
      r.on(Stream.ERROR, e -> ev.add("error " + e.getMessage()));
      r.on(Stream.CLOSE, () -> ev.add("close"));
      ev.add("read " + r.read());
      ev.add("destroyed " + r.destroyed());
    });
    assertEquals(List.of("_read", "read null", "destroyed true", "error boom", "close"), ev);
  }
}
