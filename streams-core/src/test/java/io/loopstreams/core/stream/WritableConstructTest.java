package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.loopstreams.core.AggregateException;
import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the writable cases of Node's {@code test/parallel/test-stream-construct.js}:
 * {@code doConstruct} runs on the next tick; no {@code doWrite}/{@code doFinal} before its
 * callback; a construct error (reported or thrown) emits ERROR then CLOSE; a second call of the
 * callback is {@code ERR_MULTIPLE_CALLBACK}; a destroy during construction waits, and a construct
 * error plus a destroy error become one aggregate (Node's {@code aggregateTwoErrors}). Expected
 * orders were recorded with Node 20.
 */
class WritableConstructTest {

  private static Writable<String> constructing(LifecycleLog log, Consumer<Callback> construct) {
    return log.watch(new Writable<String>(StreamOptions.objects()) {
      @Override
      protected void doConstruct(Callback callback) {
        construct.accept(callback);
      }

      @Override
      protected void doWrite(String chunk, Callback callback) {
        log.add("write:" + chunk);
        callback.done();
      }

      @Override
      protected void doWritev(List<String> chunks, Callback callback) {
        log.add("writev:" + String.join(",", chunks));
        callback.done();
      }

      @Override
      protected void doFinal(Callback callback) {
        log.add("final");
        callback.done();
      }
    });
  }

  @Test
  void noWriteOrFinalHappensBeforeTheConstructCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = constructing(log, cb -> {
        log.add("construct");
        loop.setImmediate(() -> {
          log.add("construct done");
          cb.done();
        });
      });
      log.add("ret:" + w.write("a"));
      w.end("b");
      log.add("sync");
    });
    assertEquals(List.of("ret:true", "sync", "construct", "construct done", "writev:a,b", "final",
        "prefinish", "finish", "close"), log.events);
  }

  @Test
  void aConstructErrorFailsBufferedWritesThenEmitsErrorAndClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = constructing(log,
          cb -> loop.setImmediate(() -> cb.done(new IllegalStateException("construct-fail"))));
      w.write("a", log.cb("write cb"));
    });
    assertEquals(List.of("write cb:construct-fail", "error:construct-fail", "close"), log.events);
  }

  @Test
  void aThrowingDoConstructEmitsErrorAndClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> constructing(log, cb -> {
      throw new IllegalStateException("construct-throw");
    }));
    assertEquals(List.of("error:construct-throw", "close"), log.events);
  }

  @Test
  void aConstructCallbackCalledTwiceErrorsWithErrMultipleCallback() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> constructing(log, cb -> {
      cb.done();
      cb.done();
    }));
    assertEquals(List.of("error:ERR_MULTIPLE_CALLBACK", "close"), log.events);
  }

  @Test
  void destroyWithAnErrorDuringConstructionEmitsItOnceConstructionEnds() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = constructing(log, cb -> loop.setImmediate(() -> {
        log.add("construct done");
        cb.done();
      }));
      w.destroy(new IllegalStateException("kaboom"));
      log.add("errored:" + LifecycleLog.code(w.errored()));
    });
    assertEquals(List.of("errored:kaboom", "construct done", "error:kaboom", "close"), log.events);
  }

  @Test
  void aConstructErrorAfterAPlainDestroyIsEmitted() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = constructing(log,
          cb -> loop.setImmediate(() -> cb.done(new IllegalStateException("construct-fail"))));
      w.destroy();
    });
    assertEquals(List.of("error:construct-fail", "close"), log.events);
  }

  @Test
  void aConstructErrorAndADestroyErrorAreEmittedTogetherAsAnAggregate() {
    LifecycleLog log = new LifecycleLog();
    List<Throwable> errors = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<String> w = constructing(log,
          cb -> loop.setImmediate(() -> cb.done(new IllegalStateException("construct-fail"))));
      w.on(Writable.ERROR, errors::add);
      w.destroy(new IllegalStateException("kaboom"));
    });
    assertEquals(List.of("error:kaboom", "close"), log.events);
    AggregateException agg = assertInstanceOf(AggregateException.class, errors.get(0));
    assertEquals(List.of("kaboom", "construct-fail"),
        agg.errors().stream().map(Throwable::getMessage).toList());
  }

  @Test
  void aSynchronousConstructErrorIsEmittedAfterTheCurrentCode() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      constructing(log, cb -> {
        log.add("construct");
        cb.done(new IllegalStateException("test"));
      });
      log.add("sync");
    });
    assertEquals(List.of("sync", "construct", "error:test", "close"), log.events);
  }

  @Test
  void theDestroyCallbackWaitsForConstruction() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = constructing(log, cb -> {
        log.add("construct");
        loop.nextTick(() -> {
          log.add("constructed");
          cb.done();
        });
      });
      w.destroy(new IllegalStateException("kaboom"), log.cb("destroy cb"));
      log.add("sync");
    });
    assertEquals(List.of("sync", "construct", "constructed", "destroy cb:kaboom", "error:kaboom",
        "close"), log.events);
  }

  @Test
  void endWithoutWritesRunsDoFinalOnlyAfterConstruction() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = constructing(log, cb -> {
        log.add("construct");
        loop.nextTick(() -> {
          log.add("constructed");
          cb.done();
        });
      });
      w.end();
      log.add("sync");
    });
    assertEquals(List.of("sync", "construct", "constructed", "final", "prefinish", "finish", "close"),
        log.events);
  }

  @Test
  void aDuplexCreatedNotReadableClosesAfterAnAsynchronousConstruction() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Duplex<String, String> d = log.watch(new Duplex<String, String>(StreamOptions.objects().readable(false)) {
        @Override
        protected void doConstruct(Callback callback) {
          loop().setImmediate(() -> {
            log.add("constructed");
            callback.done();
          });
        }

        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write");
          callback.done();
        }

        @Override
        protected void doRead(long size) {
          pushEnd();
        }
      });
      d.on(Duplex.END, () -> log.add("end"));
      d.resume();
      d.end("foo");
    });
    assertEquals(List.of("constructed", "write", "prefinish", "finish", "close"), log.events);
  }
}
