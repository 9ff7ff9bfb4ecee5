package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-writable-destroy.js}: destroy(err) emits
 * ERROR then CLOSE once each on the next tick, the first error wins, a custom {@code doDestroy}
 * decides which error (if any) is emitted, nothing is emitted after CLOSE, and a destroy while
 * {@code doConstruct} is pending waits for it. Expected orders were recorded with Node 20.
 */
class WritableDestroyTest {

  /** A sink completing each write synchronously. */
  private static Writable<String> sink() {
    return new Writable<>(StreamOptions.objects()) {
      @Override
      protected void doWrite(String chunk, Callback callback) {
        callback.done();
      }
    };
  }

  @Test
  void destroyWithErrorEmitsErrorThenCloseOnceOnTheNextTick() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink());
      w.destroy(new IllegalStateException("kaboom"));
      log.add("sync:" + w.destroyed() + ":" + LifecycleLog.code(w.errored()) + ":" + w.closed());
      w.destroy(new IllegalStateException("second"));
    });
    assertEquals(List.of("sync:true:kaboom:true", "error:kaboom", "close"), log.events);
  }

  @Test
  void destroyWithoutErrorEmitsOnlyClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink());
      w.destroy();
      log.add("sync:" + w.destroyed() + ":" + w.errored() + ":" + w.writableAborted());
    });
    assertEquals(List.of("sync:true:null:true", "close"), log.events);
  }

  @Test
  void aDoDestroyCallingBackWithoutTheErrorSwallowsIt() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doDestroy(Throwable error, Callback callback) {
          log.add("doDestroy:" + LifecycleLog.code(error));
          callback.done();
        }
      }).destroy(new IllegalStateException("kaboom"));
    });
    assertEquals(List.of("doDestroy:kaboom", "close"), log.events);
  }

  @Test
  void aDoDestroyCallingBackWithAnotherErrorEmitsThatError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doDestroy(Throwable error, Callback callback) {
          callback.done(new IllegalStateException("other"));
        }
      }).destroy(new IllegalStateException("kaboom"));
    });
    assertEquals(List.of("error:other", "close"), log.events);
  }

  @Test
  void anAsynchronousDoDestroyDelaysCloseAndTheDestroyCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doDestroy(Throwable error, Callback callback) {
          loop().setImmediate(() -> {
            log.add("released");
            callback.done(error);
          });
        }
      });
      w.destroy(new IllegalStateException("kaboom"), log.cb("destroy cb"));
      w.destroy(null, log.cb("destroy2 cb"));
      log.add("sync closed:" + w.closed());
    });
    assertEquals(List.of("destroy2 cb:null", "sync closed:false", "released", "destroy cb:kaboom",
        "error:kaboom", "close"), log.events);
  }

  @Test
  void nothingIsEmittedAfterClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink());
      w.destroy(new IllegalStateException("kaboom"));
      w.on(Writable.CLOSE, () -> loop.nextTick(() -> {
        log.add("write:" + w.write("late", log.cb("late cb")));
        w.destroy(new IllegalStateException("after close"));
        w.end();
      }));
    });
    assertEquals(List.of("error:kaboom", "close", "write:false", "late cb:ERR_STREAM_DESTROYED"),
        log.events);
  }

  @Test
  void writeAfterDestroyCallsBackWithErrStreamDestroyedAndEmitsNoError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink());
      w.destroy();
      log.add("ret:" + w.write("x", log.cb("cb")));
      log.add("sync");
    });
    assertEquals(List.of("ret:false", "sync", "close", "cb:ERR_STREAM_DESTROYED"), log.events);
  }

  @Test
  void destroyWhileConstructingWaitsForTheConstructCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doConstruct(Callback callback) {
          log.add("construct");
          loop().setImmediate(() -> {
            log.add("construct done");
            callback.done();
          });
        }

        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write");
          callback.done();
        }

        @Override
        protected void doFinal(Callback callback) {
          log.add("final");
          callback.done();
        }

        @Override
        protected void doDestroy(Throwable error, Callback callback) {
          log.add("doDestroy:" + LifecycleLog.code(error));
          callback.done(error);
        }
      });
      w.write("x", log.cb("write cb"));
      w.destroy();
      log.add("sync");
    });
    assertEquals(List.of("sync", "construct", "write cb:ERR_STREAM_DESTROYED", "construct done",
        "doDestroy:null", "close"), log.events);
  }

  @Test
  void emitCloseFalseSuppressesClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects().emitClose(false)) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done();
        }
      });
      w.destroy(new IllegalStateException("kaboom"));
      loop.setImmediate(() -> log.add("closed:" + w.closed()));
    });
    assertEquals(List.of("error:kaboom", "closed:true"), log.events);
  }

  @Test
  void anUnhandledErrorGoesToTheUncaughtPathAndCloseIsNotEmitted() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      loop.onUncaughtException((e, origin) -> log.add("uncaught:" + LifecycleLog.code(e)));
      Writable<String> w = sink();
      w.on(Writable.CLOSE, () -> log.add("close"));
      w.destroy(new IllegalStateException("kaboom"));
      loop.nextTick(() -> log.add("next tick"));
      loop.setImmediate(() -> log.add("imm closed:" + w.closed()));
    });
    assertEquals(List.of("uncaught:kaboom", "next tick", "imm closed:true"), log.events);
  }
}
