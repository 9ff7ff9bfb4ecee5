package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the {@code testClosed} cases and the later cases of Node's {@code
 * test/parallel/test-stream-finished.js}, for a Readable and a Writable alike: attaching to a
 * destroyed stream, disposing in the same tick, waiting for an asynchronous {@code doDestroy},
 * CLOSE suppressed, attaching long after; plus transforms, a duplex watched on its readable side
 * while its final never calls back, and a manual CLOSE before or after EOF. Expected orders
 * recorded with Node 20.
 */
class FinishedClosedTest {

  /** Builds a stream of one kind whose doDestroy is {@code destroy}. */
  private interface Kind extends Function<BiConsumer<Stream, Callback>, Stream> {
  }

  private static final Kind READABLE = destroy -> new Readable<String>(StreamOptions.objects()) {
    @Override
    protected void doRead(long size) {
    }

    @Override
    protected void doDestroy(Throwable error, Callback callback) {
      destroy.accept(this, callback);
    }
  };

  private static final Kind WRITABLE = destroy -> new Writable<String>(StreamOptions.objects()) {
    @Override
    protected void doWrite(String chunk, Callback callback) {
    }

    @Override
    protected void doDestroy(Throwable error, Callback callback) {
      destroy.accept(this, callback);
    }
  };

  private static final BiConsumer<Stream, Callback> PLAIN = (s, cb) -> cb.done();

  @Test
  void aWatchDisposedInTheTickItWasAttachedIsNeverCalled() {
    for (Kind kind : List.of(READABLE, WRITABLE)) {
      LifecycleLog log = new LifecycleLog();
      EventLoop.run(loop -> {
        Stream s = kind.apply(PLAIN);
        s.destroy();
        Finished.finished(s, log.cb("called")).run();
        loop.setImmediate(() -> log.add("imm"));
      });
      assertEquals(List.of("imm"), log.events);
    }
  }

  @Test
  void attachingToAStreamDestroyedInTheSameTickReportsPrematureCloseAfterClose() {
    for (Kind kind : List.of(READABLE, WRITABLE)) {
      LifecycleLog log = new LifecycleLog();
      EventLoop.run(loop -> {
        Stream s = kind.apply(PLAIN);
        s.on(Stream.CLOSE, () -> log.add("close"));
        s.destroy();
        Finished.finished(s, log.cb("finished"));
        log.add("sync");
      });
      assertEquals(List.of("sync", "close", "finished:ERR_STREAM_PREMATURE_CLOSE"), log.events);
    }
  }

  @Test
  void theCallbackWaitsUntilAnAsynchronousDoDestroyCompleted() {
    for (Kind kind : List.of(READABLE, WRITABLE)) {
      LifecycleLog log = new LifecycleLog();
      EventLoop.run(loop -> {
        boolean[] destroyed = {false};
        Stream s = kind.apply((self, cb) -> loop.setImmediate(() -> {
          destroyed[0] = true;
          log.add("destroyed");
          cb.done();
        }));
        s.destroy();
        Finished.finished(s, e -> log.add("finished:" + LifecycleLog.code(e) + " destroyed:" + destroyed[0]));
      });
      assertEquals(List.of("destroyed", "finished:ERR_STREAM_PREMATURE_CLOSE destroyed:true"), log.events);
    }
  }

  @Test
  void attachingInsideDoDestroyOfAStreamThatNeverEmitsCloseStillCallsBack() {
    for (boolean readable : List.of(true, false)) {
      LifecycleLog log = new LifecycleLog();
      EventLoop.run(loop -> {
        StreamOptions noClose = StreamOptions.objects().emitClose(false);
        Stream s = readable
            ? new Readable<String>(noClose) {
              @Override
              protected void doRead(long size) {
              }

              @Override
              protected void doDestroy(Throwable error, Callback callback) {
                callback.done();
                Finished.finished(this, log.cb("finished"));
                log.add("attached");
              }
            }
            : new Writable<String>(noClose) {
              @Override
              protected void doWrite(String chunk, Callback callback) {
              }

              @Override
              protected void doDestroy(Throwable error, Callback callback) {
                callback.done();
                Finished.finished(this, log.cb("finished"));
                log.add("attached");
              }
            };
        s.destroy();
      });
      assertEquals(List.of("attached", "finished:ERR_STREAM_PREMATURE_CLOSE"), log.events);
    }
  }

  @Test
  void attachingLongAfterAnAsynchronousDestroyStillCallsBack() {
    for (Kind kind : List.of(READABLE, WRITABLE)) {
      LifecycleLog log = new LifecycleLog();
      EventLoop.run(loop -> {
        kind.apply((self, cb) -> loop.setImmediate(() -> {
          cb.done();
          loop.setImmediate(() -> Finished.finished(self, log.cb("finished")));
        })).destroy();
      });
      assertEquals(List.of("finished:ERR_STREAM_PREMATURE_CLOSE"), log.events);
    }
  }

  @Test
  void attachingToAnEndedWritableWithoutAutoDestroyCallsBackAtFinish() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = new Writable<>(StreamOptions.objects().autoDestroy(false)) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done();
        }
      };
      w.on(Stream.FINISH, () -> log.add("finish"));
      w.end("asd");
      loop.nextTick(() -> {
        Finished.finished(w, log.cb("finished"));
        log.add("attached");
      });
    });
    assertEquals(List.of("attached", "finish", "finished:null"), log.events);
  }

  @Test
  void attachingFromTheErrorListenerOfAWritableWithoutAutoDestroyReportsTheError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = new Writable<>(StreamOptions.objects().autoDestroy(false)) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done(new IllegalStateException("x"));
        }
      };
      w.write("asd");
      w.on(Stream.ERROR, e -> {
        log.add("error");
        Finished.finished(w, log.cb("finished"));
      });
    });
    assertEquals(List.of("error", "finished:x"), log.events);
  }

  @Test
  void aTransformFinishesAfterFinishEndAndClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Transform<String, String> tr = new Transform<>(StreamOptions.objects()) {
        @Override
        protected void doTransform(String chunk, Callback callback) {
          callback.done();
        }
      };
      tr.on(Stream.END, () -> log.add("end"));
      tr.on(Stream.FINISH, () -> log.add("finish"));
      tr.on(Stream.CLOSE, () -> log.add("close"));
      Finished.finished(tr, log.cb("finished"));
      tr.end();
      tr.resume();
    });
    assertEquals(List.of("finish", "end", "close", "finished:null"), log.events);
  }

  @Test
  void watchingOnlyTheReadableSideIgnoresAFinalThatNeverCallsBack() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Duplex<String, String> d = new Duplex<>(StreamOptions.objects()) {
        @Override
        protected void doFinal(Callback callback) {
          log.add("final"); // never calls back
        }

        @Override
        protected void doRead(long size) {
          pushEnd();
        }
      };
      d.on(Stream.END, () -> log.add("end"));
      Finished.finished(d, true, false, true, log.cb("finished"));
      d.end();
      d.resume();
    });
    assertEquals(List.of("final", "end", "finished:null"), log.events);
  }

  @Test
  void destroyRightAfterEndWithAWriteInFlightIsAPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = new Writable<>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          loop().setImmediate(callback::done);
        }
      };
      Finished.finished(w, log.cb("finished"));
      w.end("asd");
      w.destroy();
    });
    assertEquals(List.of("finished:ERR_STREAM_PREMATURE_CLOSE"), log.events);
  }

  @Test
  void aManualCloseBeforeEofIsPrematureButAfterEofIsNot() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<String> before = READABLE.andThen(s -> (Readable<String>) s).apply(PLAIN);
      Finished.finished(before, log.cb("before"));
      before.emit(Stream.CLOSE);
      before.pushEnd();
      before.resume();
      Readable<String> after = READABLE.andThen(s -> (Readable<String>) s).apply(PLAIN);
      Finished.finished(after, log.cb("after"));
      after.pushEnd();
      after.emit(Stream.CLOSE);
      after.resume();
    });
    assertEquals(List.of("before:ERR_STREAM_PREMATURE_CLOSE", "after:null"), log.events);
  }
}
