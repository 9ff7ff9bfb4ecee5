package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-finished.js}: the callback is called
 * exactly once, after CLOSE for streams that will close; a close before END/FINISH is {@code
 * ERR_STREAM_PREMATURE_CLOSE}; attaching to a stream that already closed calls back on the next
 * tick; the returned cleanup detaches; a PassThrough that was ended but never read never
 * finishes. Expected orders were recorded with Node 20.
 */
class FinishedTest {

  private static Writable<String> sink(StreamOptions options) {
    return new Writable<>(options) {
      @Override
      protected void doWrite(String chunk, Callback callback) {
        callback.done();
      }
    };
  }

  private static Readable<String> manual() {
    return new Readable<>(StreamOptions.objects()) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  private static void readAll(Readable<String> r, LifecycleLog log) {
    r.onData(d -> log.add("data:" + d));
  }

  /** Records END too, which {@link LifecycleLog#watch} leaves out. */
  private static <S extends Stream> S watch(LifecycleLog log, S s) {
    s.on(Stream.END, () -> log.add("end"));
    return log.watch(s);
  }

  @Test
  void destroyingAWritableBeforeFinishIsAPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, sink(StreamOptions.objects()));
      Finished.finished(w, log.cb("finished"));
      w.write("a");
      w.destroy();
    });
    assertEquals(List.of("close", "finished:ERR_STREAM_PREMATURE_CLOSE"), log.events);
  }

  @Test
  void destroyingAReadableBeforeEndIsAPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<String> r = watch(log, manual());
      Finished.finished(r, log.cb("finished"));
      r.push("a");
      r.destroy();
    });
    assertEquals(List.of("close", "finished:ERR_STREAM_PREMATURE_CLOSE"), log.events);
  }

  @Test
  void aReadableThatPushedEofButWasDestroyedBeforeBeingReadIsAPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<String> r = watch(log, manual());
      Finished.finished(r, log.cb("finished"));
      r.push("a");
      r.pushEnd();
      loop.nextTick(() -> r.destroy());
    });
    assertEquals(List.of("close", "finished:ERR_STREAM_PREMATURE_CLOSE"), log.events);
  }

  @Test
  void aWritableFinishesAfterItsClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, sink(StreamOptions.objects()));
      Finished.finished(w, log.cb("finished"));
      w.end("a");
    });
    assertEquals(List.of("prefinish", "finish", "close", "finished:null"), log.events);
  }

  @Test
  void aReadableFinishesAfterEndAndClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<String> r = watch(log, Readable.from(List.of("a", "b")));
      readAll(r, log);
      Finished.finished(r, log.cb("finished"));
    });
    assertEquals(List.of("data:a", "data:b", "end", "close", "finished:null"), log.events);
  }

  @Test
  void anErrorCallsBackWithItAtTheErrorEventBeforeClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, sink(StreamOptions.objects()));
      Finished.finished(w, log.cb("finished"));
      w.destroy(new IllegalStateException("kaboom"));
    });
    assertEquals(List.of("error:kaboom", "finished:kaboom", "close"), log.events);
  }

  @Test
  void ignoringErrorEventsStillReportsTheErrorAtClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, sink(StreamOptions.objects()));
      Finished.finished(w, false, true, false, log.cb("finished"));
      w.destroy(new IllegalStateException("kaboom"));
    });
    assertEquals(List.of("error:kaboom", "close", "finished:kaboom"), log.events);
  }

  @Test
  void attachingToAnAlreadyClosedStreamCallsBackOnTheNextTick() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, sink(StreamOptions.objects()));
      w.end();
      w.on(Stream.CLOSE, () -> {
        Finished.finished(w, log.cb("finished"));
        log.add("attached");
      });
    });
    assertEquals(List.of("prefinish", "finish", "close", "attached", "finished:null"), log.events);
  }

  @Test
  void attachingToAStreamThatClosedUnfinishedReportsAPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(StreamOptions.objects());
      w.destroy();
      w.on(Stream.CLOSE, () -> {
        Finished.finished(w, log.cb("finished"));
        log.add("attached");
      });
    });
    assertEquals(List.of("attached", "finished:ERR_STREAM_PREMATURE_CLOSE"), log.events);
  }

  @Test
  void attachingToAnErroredAndClosedStreamReportsItsError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(StreamOptions.objects());
      w.on(Stream.ERROR, e -> log.add("error"));
      w.destroy(new IllegalStateException("kaboom"));
      w.on(Stream.CLOSE, () -> {
        Finished.finished(w, log.cb("finished"));
        log.add("attached");
      });
    });
    assertEquals(List.of("error", "attached", "finished:kaboom"), log.events);
  }

  @Test
  void theCleanupFunctionDetachesTheCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, sink(StreamOptions.objects()));
      Runnable cleanup = Finished.finished(w, log.cb("finished"));
      int before = w.listenerCount(Stream.CLOSE);
      cleanup.run();
      log.add("close listeners removed:" + (before - w.listenerCount(Stream.CLOSE)));
      w.destroy(new IllegalStateException("kaboom"));
    });
    assertEquals(List.of("close listeners removed:1", "error:kaboom", "close"), log.events);
  }

  @Test
  void aPassThroughEndedButNeverReadNeverFinishesUntilATimerDestroysIt() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      PassThrough<String> p = watch(log, new PassThrough<>(StreamOptions.objects()));
      Finished.finished(p, log.cb("finished"));
      p.end("data");
      loop.setTimeout(() -> {
        log.add("timeout");
        p.destroy();
      }, 10);
    });
    assertEquals(List.of("prefinish", "finish", "timeout", "close",
        "finished:ERR_STREAM_PREMATURE_CLOSE"), log.events);
  }

  @Test
  void waitingForTheWritableSideOnlyOfAnUnreadPassThroughFinishesAtFinish() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      PassThrough<String> p = watch(log, new PassThrough<>(StreamOptions.objects()));
      Finished.finished(p, false, true, true, log.cb("finished"));
      p.end("data");
      loop.setTimeout(() -> {
        log.add("timeout");
        p.destroy();
      }, 10);
    });
    assertEquals(List.of("prefinish", "finish", "finished:null", "timeout", "close"), log.events);
  }

  @Test
  void withoutAutoDestroyAWritableFinishesAtFinish() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, sink(StreamOptions.objects().autoDestroy(false)));
      Finished.finished(w, log.cb("finished"));
      w.end("a");
    });
    assertEquals(List.of("prefinish", "finish", "finished:null"), log.events);
  }

  @Test
  void withoutAutoDestroyAWriteErrorFinishesWithThatError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, new Writable<String>(StreamOptions.objects().autoDestroy(false)) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done(new IllegalStateException("kaboom"));
        }
      });
      Finished.finished(w, log.cb("finished"));
      w.write("a");
    });
    assertEquals(List.of("error:kaboom", "finished:kaboom"), log.events);
  }

  @Test
  void aDuplexFinishesOnlyWhenBothSidesAreDone() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Duplex<String, String> d = watch(log, new Duplex<String, String>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }

        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done();
        }
      });
      Finished.finished(d, log.cb("finished"));
      d.end("x");
      loop.setImmediate(() -> {
        log.add("push end");
        d.pushEnd();
        d.resume();
      });
    });
    assertEquals(List.of("prefinish", "finish", "push end", "end", "close", "finished:null"),
        log.events);
  }

  @Test
  void thePromiseFormRejectsWithAPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(StreamOptions.objects());
      Finished.finished(w).onSettled((v, e) -> log.add("settled:" + LifecycleLog.code(e)));
      w.destroy();
    });
    assertEquals(List.of("settled:ERR_STREAM_PREMATURE_CLOSE"), log.events);
  }
}
