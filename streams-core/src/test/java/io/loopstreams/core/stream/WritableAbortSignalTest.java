package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.AbortController;
import io.loopstreams.core.AbortSignal;
import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the writable cases of Node's {@code test/parallel/test-stream-add-abort-signal.js}
 * and the {@code signal} option: aborting destroys the stream with an {@code AbortError}
 * ({@code ABORT_ERR}) synchronously, ERROR then CLOSE follow, the write in flight completes and
 * the buffered one fails; an already aborted signal destroys the stream at construction.
 * Expected order recorded with Node 20.
 */
class WritableAbortSignalTest {

  @Test
  void abortingTheSignalDestroysTheWritableWithAnAbortError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      AbortController ac = new AbortController();
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects().signal(ac.signal())) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write:" + chunk);
          loop().setImmediate(callback::done);
        }
      });
      w.write("a", log.cb("cb a"));
      w.write("b", log.cb("cb b"));
      ac.abort();
      log.add("sync destroyed:" + w.destroyed());
      Writable<String> w2 = new Writable<>(StreamOptions.objects().signal(AbortSignal.abort())) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done();
        }
      };
      log.add("w2 destroyed at construction:" + w2.destroyed());
      w2.on(Stream.ERROR, e -> log.add("w2 error:" + LifecycleLog.code(e)));
    });
    assertEquals(List.of("write:a", "sync destroyed:true", "w2 destroyed at construction:true",
        "error:ABORT_ERR", "close", "w2 error:ABORT_ERR", "cb a:null", "cb b:ABORT_ERR"), log.events);
  }

  @Test
  void aPassThroughGivenAnAlreadyAbortedSignalIsDestroyedAtConstruction() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      PassThrough<String> p = new PassThrough<>(StreamOptions.objects().signal(AbortSignal.abort()));
      log.add("destroyed:" + p.destroyed());
      p.on(Stream.ERROR, e -> log.add("error:" + LifecycleLog.code(e)));
      p.on(Stream.CLOSE, () -> log.add("close"));
      p.write("x", log.cb("cb"));
    });
    assertEquals(List.of("destroyed:true", "error:ABORT_ERR", "close", "cb:ERR_STREAM_DESTROYED"),
        log.events);
  }

  /**
   * Node runs {@code _destroy} inside {@code super()} here, before the subclass's constructor
   * assigned its fields ({@code destroy x= undefined}); in Java that would be a null field in
   * {@code doDestroy}. The stream is destroyed at once, its hook runs on the next tick.
   */
  @Test
  void anAlreadyAbortedSignalRunsDoDestroyAfterTheSubclassConstructorFinished() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      class Resource extends Writable<String> {
        private final String handle;

        Resource() {
          super(StreamOptions.objects().signal(AbortSignal.abort()));
          handle = "fd-7";
        }

        @Override
        protected void doWrite(String chunk, io.loopstreams.core.Callback callback) {
          callback.done();
        }

        @Override
        protected void doDestroy(Throwable error, io.loopstreams.core.Callback callback) {
          log.add("doDestroy closes " + handle);
          callback.done(error);
        }
      }
      Resource r = new Resource();
      log.add("destroyed:" + r.destroyed());
      r.on(Stream.ERROR, e -> log.add("error:" + LifecycleLog.code(e)));
      r.on(Stream.CLOSE, () -> log.add("close"));
    });
    assertEquals(List.of("destroyed:true", "doDestroy closes fd-7", "error:ABORT_ERR", "close"),
        log.events);
  }
}
