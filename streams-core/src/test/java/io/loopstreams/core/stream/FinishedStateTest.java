package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the "attach in a given state" cases of Node's {@code
 * test/parallel/test-stream-finished.js}: streams that already ended or finished without
 * autoDestroy, that already emitted ERROR but not CLOSE, that never emit CLOSE, several
 * watchers, and duplexes watched on one side. Expected orders were recorded with Node 20.
 */
class FinishedStateTest {

  private static Writable<String> sink(StreamOptions options) {
    return new Writable<>(options) {
      @Override
      protected void doWrite(String chunk, Callback callback) {
        callback.done();
      }
    };
  }

  private static <S extends Stream> S watch(LifecycleLog log, S s) {
    s.on(Stream.END, () -> log.add("end"));
    s.on(Stream.FINISH, () -> log.add("finish"));
    s.on(Stream.ERROR, e -> log.add("error:" + LifecycleLog.code(e)));
    s.on(Stream.CLOSE, () -> log.add("close"));
    return s;
  }

  @Test
  void attachingToAnEndedReadableWithoutAutoDestroyCallsBackOnTheNextTick() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<String> r = watch(log, new Readable<String>(StreamOptions.objects().autoDestroy(false)) {
        @Override
        protected void doRead(long size) {
        }
      });
      r.push("a");
      r.pushEnd();
      r.resume();
      r.on(Stream.END, () -> {
        Finished.finished(r, log.cb("finished"));
        log.add("attached");
      });
    });
    assertEquals(List.of("end", "attached", "finished:null"), log.events);
  }

  @Test
  void aReadableWhoseEofIsAlreadyDrainedCountsAsFinishedBeforeItsEndEvent() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<String> r = new Readable<>(StreamOptions.objects().autoDestroy(false)) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.on(Stream.END, () -> log.add("end1"));
      r.pushEnd();
      r.resume();
      Finished.finished(r, log.cb("finished"));
      r.on(Stream.END, () -> log.add("end2"));
    });
    assertEquals(List.of("finished:null", "end1", "end2"), log.events);
  }

  @Test
  void attachingToAFinishedWritableWithoutAutoDestroyCallsBackOnTheNextTick() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, sink(StreamOptions.objects().autoDestroy(false)));
      w.end("a");
      w.on(Stream.FINISH, () -> {
        Finished.finished(w, log.cb("finished"));
        log.add("attached");
      });
    });
    assertEquals(List.of("finish", "attached", "finished:null"), log.events);
  }

  @Test
  void attachingAfterErrorButBeforeCloseWaitsForClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, sink(StreamOptions.objects()));
      w.destroy(new IllegalStateException("kaboom"));
      w.on(Stream.ERROR, e -> {
        Finished.finished(w, log.cb("finished"));
        log.add("attached");
      });
    });
    assertEquals(List.of("error:kaboom", "attached", "close", "finished:kaboom"), log.events);
  }

  @Test
  void aStreamThatNeverEmitsCloseFinishesWithItsError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, sink(StreamOptions.objects().emitClose(false)));
      Finished.finished(w, log.cb("finished"));
      w.destroy(new IllegalStateException("kaboom"));
    });
    assertEquals(List.of("error:kaboom", "finished:kaboom"), log.events);
  }

  @Test
  void aStreamThatNeverEmitsCloseAndIsDestroyedWithoutErrorNeverCallsBack() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, sink(StreamOptions.objects().emitClose(false)));
      Finished.finished(w, log.cb("finished"));
      w.destroy();
      loop.setImmediate(() -> log.add("imm"));
    });
    assertEquals(List.of("imm"), log.events);
  }

  @Test
  void everyWatcherIsCalledOnceInAttachOrder() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = watch(log, sink(StreamOptions.objects()));
      Finished.finished(w, log.cb("f1"));
      Finished.finished(w, log.cb("f2"));
      w.end();
    });
    assertEquals(List.of("finish", "close", "f1:null", "f2:null"), log.events);
  }

  @Test
  void watchingOnlyTheWritableSideOfADuplexReportsItsWriteError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Duplex<String, String> d = watch(log, new Duplex<String, String>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }

        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done(new IllegalStateException("w-fail"));
        }
      });
      Finished.finished(d, false, true, true, log.cb("finished"));
      d.write("x");
    });
    assertEquals(List.of("error:w-fail", "finished:w-fail", "close"), log.events);
  }

  @Test
  void aDuplexCreatedNotReadableFinishesAfterItsWritableSide() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Duplex<String, String> d = watch(log, new Duplex<String, String>(StreamOptions.objects().readable(false)) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done();
        }
      });
      Finished.finished(d, log.cb("finished"));
      d.end("x");
    });
    assertEquals(List.of("finish", "close", "finished:null"), log.events);
  }

  @Test
  void aWritableWithAPendingFinalIsNotFinishedYetEvenWithNothingBuffered() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = new Writable<>(StreamOptions.objects().autoDestroy(false)) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done();
        }

        @Override
        protected void doFinal(Callback callback) {
          log.add("final");
          loop().setImmediate(() -> {
            log.add("final done");
            callback.done();
          });
        }
      };
      w.on(Stream.FINISH, () -> log.add("finish"));
      w.end();
      Finished.finished(w, log.cb("finished"));
    });
    assertEquals(List.of("final", "final done", "finish", "finished:null"), log.events);
  }

  @Test
  void aWritableWithAWriteInFlightIsNotFinishedYet() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = new Writable<>(StreamOptions.objects().autoDestroy(false)) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          loop().setImmediate(callback::done);
        }
      };
      w.on(Stream.FINISH, () -> log.add("finish"));
      w.write("a", e -> log.add("write cb"));
      w.end();
      Finished.finished(w, log.cb("finished"));
    });
    assertEquals(List.of("write cb", "finish", "finished:null"), log.events);
  }
}
