package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.loopstreams.core.Callback;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses stage-specific cases of Node's {@code test/parallel/test-stream-pipeline.js}: a
 * transform's flush output and flush failure, a duplex as the last stage (settles at FINISH and
 * stays open), a middle stage closed without an error, a source that already ended or was
 * destroyed, a destination that already ended, and a stage of the wrong kind.
 * Expected orders were recorded with Node 20 using a synchronous source equivalent to {@code
 * Readable.from}.
 */
class PipelineStagesTest {

  private static <T> Writable<T> collect(List<Object> got) {
    return new Writable<>(StreamOptions.objects()) {
      @Override
      protected void doWrite(T chunk, Callback callback) {
        got.add(chunk);
        callback.done();
      }
    };
  }

  private static <S extends Stream> S watch(LifecycleLog log, S s, String name) {
    s.on(Stream.END, () -> log.add(name + " end"));
    s.on(Stream.FINISH, () -> log.add(name + " finish"));
    s.on(Stream.ERROR, e -> log.add(name + " error:" + LifecycleLog.code(e)));
    s.on(Stream.CLOSE, () -> log.add(name + " close"));
    return s;
  }

  /** A pass-through transform whose flush is {@code flush}. */
  private static Transform<Integer, Object> flushing(java.util.function.Consumer<Transform<Integer, Object>> push,
      Throwable failure) {
    return new Transform<>(StreamOptions.objects()) {
      @Override
      protected void doTransform(Integer chunk, Callback callback) {
        push(chunk);
        callback.done();
      }

      @Override
      protected void doFlush(Callback callback) {
        push.accept(this);
        callback.done(failure);
      }
    };
  }

  @Test
  void whatATransformPushesInItsFlushReachesTheDestination() {
    List<Object> got = new ArrayList<>();
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> Pipeline.from(Readable.from(List.of(1, 2)))
        .pipe(flushing(t -> t.push("tail"), null))
        .to(PipelineStagesTest.collect(got))
        .onComplete(log.cb("done")));
    assertEquals(List.of("done:null"), log.events);
    assertEquals(List.of(1, 2, "tail"), got);
  }

  @Test
  void aFailingFlushFailsThePipelineAfterTheDataWentThrough() {
    List<Object> got = new ArrayList<>();
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Integer> src = watch(log, Readable.from(List.of(1, 2)), "src");
      Transform<Integer, Object> mid = watch(log, flushing(t -> { }, new IllegalStateException("flush-fail")), "mid");
      Writable<Object> dst = watch(log, PipelineStagesTest.collect(got), "sink");
      Pipeline.from(src).pipe(mid).to(dst).onComplete(log.cb("done"));
    });
    assertEquals(List.of("src end", "mid error:flush-fail", "mid close", "src close",
        "sink error:flush-fail", "sink close", "done:flush-fail"), log.events);
    assertEquals(List.of(1, 2), got);
  }

  @Test
  void aDuplexAsTheLastStageSettlesAtItsFinishAndStaysOpen() {
    List<Object> got = new ArrayList<>();
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Integer> src = watch(log, Readable.from(List.of(1, 2)), "src");
      Duplex<Integer, String> dup = watch(log, new Duplex<Integer, String>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }

        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          got.add(chunk);
          callback.done();
        }
      }, "dup");
      Pipeline.from(src).to(dup).onComplete(e -> {
        log.add("done:" + LifecycleLog.code(e) + " destroyed:" + dup.destroyed());
        dup.destroy();
      });
    });
    assertEquals(List.of("src end", "dup finish", "src close", "done:null destroyed:false",
        "dup close"), log.events);
    assertEquals(List.of(1, 2), got);
  }

  @Test
  void aMiddleStageClosedWithoutAnErrorFailsThePipelineWithPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Object> src = watch(log, new Readable<Object>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }
      }, "src");
      PassThrough<Object> mid = watch(log, new PassThrough<>(StreamOptions.objects()), "mid");
      Writable<Object> dst = watch(log, PipelineStagesTest.collect(new ArrayList<>()), "sink");
      Pipeline.run(List.of(src, mid, dst), log.cb("done"));
      loop.nextTick(() -> mid.destroy());
    });
    assertEquals(List.of("mid close", "src error:ERR_STREAM_PREMATURE_CLOSE", "src close",
        "sink error:ERR_STREAM_PREMATURE_CLOSE", "sink close", "done:ERR_STREAM_PREMATURE_CLOSE"),
        log.events);
  }

  @Test
  void aSourceThatAlreadyEndedStillEndsTheDestination() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Object> src = new Readable<>(StreamOptions.objects().autoDestroy(false)) {
        @Override
        protected void doRead(long size) {
        }
      };
      src.pushEnd();
      src.resume();
      src.on(Stream.END, () -> {
        Writable<Object> dst = watch(log, PipelineStagesTest.collect(new ArrayList<>()), "sink");
        Pipeline.run(List.of(src, dst), e -> log.add("done:" + LifecycleLog.code(e)
            + " ended:" + dst.writableEnded()));
      });
    });
    assertEquals(List.of("sink finish", "sink close", "done:null ended:true"), log.events);
  }

  @Test
  void aSourceThatClosesAfterEndingIsNotAPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Integer> src = watch(log, Readable.from(List.of(1)), "src");
      Writable<Integer> dst = watch(log, new Writable<Integer>(StreamOptions.objects()) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          loop().setImmediate(callback::done);
        }
      }, "sink");
      Pipeline.from(src).to(dst).onComplete(log.cb("done"));
    });
    assertEquals(List.of("src end", "src close", "sink finish", "sink close", "done:null"),
        log.events);
  }

  @Test
  void aSourceDestroyedBeforeThePipelineFailsItWithPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Object> r = watch(log, new Readable<Object>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }
      }, "r");
      r.destroy();
      Writable<Object> w = watch(log, PipelineStagesTest.collect(new ArrayList<>()), "w");
      Pipeline.run(List.of(r, w), e -> log.add("done:" + LifecycleLog.code(e) + " w destroyed:" + w.destroyed()));
    });
    assertEquals(List.of("r close", "w error:ERR_STREAM_PREMATURE_CLOSE", "w close",
        "done:ERR_STREAM_PREMATURE_CLOSE w destroyed:true"), log.events);
  }

  @Test
  void aSourceThatAlreadyClosedFailsThePipelineWithPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Object> r = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.destroy();
      r.on(Stream.CLOSE, () -> {
        Writable<Object> w = watch(log, PipelineStagesTest.collect(new ArrayList<>()), "w");
        Pipeline.run(List.of(r, w), e -> log.add("done:" + LifecycleLog.code(e) + " w destroyed:" + w.destroyed()));
      });
    });
    assertEquals(List.of("w error:ERR_STREAM_PREMATURE_CLOSE", "w close",
        "done:ERR_STREAM_PREMATURE_CLOSE w destroyed:true"), log.events);
  }

  @Test
  void aDestinationThatAlreadyEndedFailsThePipelineWithPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Object> r = watch(log, new Readable<Object>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }
      }, "r");
      Writable<Object> w = PipelineStagesTest.collect(new ArrayList<>());
      w.end();
      watch(log, w, "w");
      Pipeline.run(List.of(r, w), log.cb("done"));
      r.push("a");
      r.pushEnd();
    });
    assertEquals(List.of("w finish", "w close", "r error:ERR_STREAM_PREMATURE_CLOSE", "r close",
        "done:ERR_STREAM_PREMATURE_CLOSE"), log.events);
  }

  @Test
  void aMiddleStageThatIsNotReadableIsRejectedBeforeAnythingIsWired() {
    EventLoop.run(loop -> {
      Readable<Object> r = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }
      };
      Writable<Object> middle = PipelineStagesTest.collect(new ArrayList<>());
      Writable<Object> last = PipelineStagesTest.collect(new ArrayList<>());
      StreamException e = assertThrows(StreamException.class,
          () -> Pipeline.run(List.of(r, middle, last), err -> { }));
      assertEquals(ErrorCode.ERR_INVALID_ARG_TYPE, e.code());
      assertEquals(List.of(false, false, false), List.of(r.destroyed(), middle.destroyed(), last.destroyed()));
      assertEquals(0, middle.listenerCount(Stream.PIPE));
      r.destroy();
      middle.destroy();
      last.destroy();
    });
  }
}
