package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.loopstreams.core.AbortController;
import io.loopstreams.core.AbortException;
import io.loopstreams.core.AbortSignal;
import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the {@code signal} cases of Node's {@code test/parallel/test-stream-pipeline.js}
 * ({@code stream/promises.pipeline(..., {signal})}): aborting fails the pipeline with an {@code
 * AbortError} ({@link AbortException}, {@code ABORT_ERR}) and destroys every stage, each
 * emitting ERROR then CLOSE. {@link Pipeline#cancel()} is the handle form of the same abort.
 * Expected orders were recorded with Node 20.
 */
class PipelineCancelTest {

  private static Readable<Object> manual() {
    return new Readable<>(StreamOptions.objects()) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  private static Writable<Object> sink() {
    return new Writable<>(StreamOptions.objects()) {
      @Override
      protected void doWrite(Object chunk, Callback callback) {
        callback.done();
      }
    };
  }

  @Test
  void anAbortSignalFailsThePipelineWithAbortExceptionAndDestroysEveryStage() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      AbortController ac = new AbortController();
      Readable<Object> src = log.watch(manual(), "src");
      PassThrough<Object> mid = log.watch(new PassThrough<>(StreamOptions.objects()), "mid");
      Writable<Object> dst = log.watch(sink(), "sink");
      Pipeline.from(src).pipe(mid).signal(ac.signal()).to(dst).promise().onSettled((v, e) ->
          log.add("done:" + e.getClass().getSimpleName() + ":" + LifecycleLog.code(e) + " destroyed:"
              + src.destroyed() + "," + mid.destroyed() + "," + dst.destroyed()));
      src.push("a");
      loop.setImmediate(ac::abort);
    });
    assertEquals(List.of("src error:ABORT_ERR", "src close", "mid error:ABORT_ERR", "mid close",
        "sink error:ABORT_ERR", "sink close", "done:AbortException:ABORT_ERR destroyed:true,true,true"),
        log.events);
  }

  @Test
  void cancelDestroysEveryStageAndSettlesOnceWithAbortException() {
    LifecycleLog log = new LifecycleLog();
    List<Throwable> outcomes = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Object> src = log.watch(manual(), "src");
      PassThrough<Object> mid = log.watch(new PassThrough<>(StreamOptions.objects()), "mid");
      Writable<Object> dst = log.watch(sink(), "sink");
      Pipeline p = Pipeline.run(List.of(src, mid, dst), outcomes::add);
      p.onComplete(log.cb("done"));
      loop.setImmediate(() -> {
        p.cancel();
        p.cancel();
        log.add("done yet:" + p.isDone());
      });
    });
    assertEquals(List.of("done yet:false", "src error:ABORT_ERR", "src close", "mid error:ABORT_ERR",
        "mid close", "sink error:ABORT_ERR", "sink close", "done:ABORT_ERR"), log.events);
    assertEquals(1, outcomes.size());
    assertInstanceOf(AbortException.class, outcomes.get(0));
  }

  @Test
  void anAbortReasonThatIsNotAnAbortExceptionBecomesItsCause() {
    List<Throwable> outcomes = new ArrayList<>();
    IllegalStateException reason = new IllegalStateException("user gave up");
    EventLoop.run(loop -> {
      AbortController ac = new AbortController();
      Pipeline.from(manual()).signal(ac.signal()).to(sink()).onComplete(outcomes::add);
      loop.setImmediate(() -> ac.abort(reason));
    });
    assertEquals(1, outcomes.size());
    assertInstanceOf(AbortException.class, outcomes.get(0));
    assertSame(reason, outcomes.get(0).getCause());
  }

  @Test
  void anAlreadyAbortedSignalAbortsOnTheNextTickAfterTheWiring() {
    LifecycleLog log = new LifecycleLog();
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> src = Readable.from(List.of(1, 2, 3));
      Writable<Integer> dst = new Writable<>(StreamOptions.objects()) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          got.add(chunk);
          callback.done();
        }
      };
      Pipeline.from(src).signal(AbortSignal.abort()).to(dst).onComplete(e -> log.add("done:"
          + LifecycleLog.code(e) + " destroyed:" + src.destroyed() + "," + dst.destroyed()));
      log.add("sync destroyed:" + src.destroyed() + "," + dst.destroyed());
    });
    // Node 20 lets a synchronous source flow in the resume tick queued before the abort.
    assertEquals(List.of("sync destroyed:false,false", "done:ABORT_ERR destroyed:true,true"),
        log.events);
    assertEquals(List.of(1, 2, 3), got);
  }

  @Test
  void cancelAfterSuccessChangesNothing() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Pipeline p = Pipeline.from(Readable.from(List.of(1, 2))).to(new Writable<Integer>(StreamOptions.objects()) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          callback.done();
        }
      });
      p.onComplete(e -> {
        log.add("done:" + LifecycleLog.code(e));
        p.cancel();
        p.onComplete(log.cb("again"));
      });
    });
    assertEquals(List.of("done:null", "again:null"), log.events);
  }

  @Test
  void theStreamsOwnSignalOptionDestroysItAndFailsThePipeline() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      AbortController ac = new AbortController();
      Readable<Object> src = log.watch(new Readable<Object>(StreamOptions.objects().signal(ac.signal())) {
        @Override
        protected void doRead(long size) {
        }
      }, "src");
      Writable<Object> dst = log.watch(sink(), "sink");
      Pipeline.run(List.of(src, dst), log.cb("done"));
      loop.setImmediate(ac::abort);
    });
    assertEquals(List.of("src error:ABORT_ERR", "src close", "sink error:ABORT_ERR", "sink close",
        "done:ABORT_ERR"), log.events);
  }

  @Test
  void aSettledPipelineStopsListeningToTheCallersSignal() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      AbortController ac = new AbortController();
      for (int i = 0; i < 20; i++) {
        Pipeline.from(Readable.from(List.of(i))).signal(ac.signal()).to(sink()).onComplete(log.cb("done"));
      }
      loop.setImmediate(() -> {
        log.add("abort listeners:" + ac.signal().listenerCount(AbortSignal.ABORT));
        ac.abort();
      });
    });
    assertEquals(21, log.events.size());
    assertEquals("abort listeners:0", log.events.get(20));
    assertEquals(List.of("done:null"), log.events.subList(0, 20).stream().distinct().toList());
  }
}
