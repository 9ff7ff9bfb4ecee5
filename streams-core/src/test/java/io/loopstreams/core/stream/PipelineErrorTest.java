package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the error cases of Node's {@code test/parallel/test-stream-pipeline.js}: the
 * first error wins, every unfinished stage is destroyed with it and emits ERROR then CLOSE, the
 * callback is called exactly once; a premature close is replaced by a real error arriving
 * before the pipeline settles. Expected orders were recorded with Node 20 using a synchronous
 * source equivalent to {@code Readable.from}.
 */
class PipelineErrorTest {

  private static Writable<Object> sink(List<Object> got) {
    return new Writable<>(StreamOptions.objects()) {
      @Override
      protected void doWrite(Object chunk, Callback callback) {
        got.add(chunk);
        callback.done();
      }
    };
  }

  private static Readable<Object> manual() {
    return new Readable<>(StreamOptions.objects()) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  private static <S extends Stream> S watch(LifecycleLog log, S s, String name) {
    s.on(Stream.END, () -> log.add(name + " end"));
    return log.watch(s, name);
  }

  @Test
  void aPipelineWhoseMiddleStageFailsDestroysAllStagesAndSettlesOnce() {
    LifecycleLog log = new LifecycleLog();
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> src = watch(log, Readable.from(List.of(1, 2, 3, 4, 5)), "src");
      Transform<Integer, Integer> mid = watch(log, new Transform<Integer, Integer>(StreamOptions.objects()) {
        @Override
        protected void doTransform(Integer chunk, Callback callback) {
          if (chunk == 3) {
            callback.done(new IllegalStateException("kaboom"));
          } else {
            push(chunk * 10);
            callback.done();
          }
        }
      }, "mid");
      Writable<Object> dst = watch(log, sink(got), "sink");
      Pipeline.from(src).pipe(mid).to(dst).onComplete(e -> log.add("done:" + LifecycleLog.code(e)
          + " destroyed:" + src.destroyed() + "," + mid.destroyed() + "," + dst.destroyed()));
    });
    assertEquals(List.of("mid error:kaboom", "mid close", "src error:kaboom", "src close",
        "sink error:kaboom", "sink close", "done:kaboom destroyed:true,true,true"), log.events);
    assertEquals(List.of(10, 20), got);
  }

  @Test
  void theFirstErrorWinsOverALaterOne() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Object> src = watch(log, manual(), "src");
      PassThrough<Object> mid = watch(log, new PassThrough<>(StreamOptions.objects()), "mid");
      Writable<Object> dst = watch(log, sink(new ArrayList<>()), "sink");
      Pipeline.run(List.of(src, mid, dst), log.cb("done"));
      loop.nextTick(() -> {
        mid.destroy(new IllegalStateException("first"));
        dst.destroy(new IllegalStateException("second"));
      });
    });
    assertEquals(List.of("mid error:first", "mid close", "sink error:second", "sink close",
        "src error:first", "src close", "done:first"), log.events);
  }

  @Test
  void aPrematureCloseIsReplacedByALaterRealError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Object> src = watch(log, new Readable<Object>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }

        @Override
        protected void doDestroy(Throwable error, Callback callback) {
          log.add("src doDestroy:" + LifecycleLog.code(error));
          callback.done(new IllegalStateException("real"));
        }
      }, "src");
      PassThrough<Object> mid = watch(log, new PassThrough<>(StreamOptions.objects()), "mid");
      Writable<Object> dst = watch(log, sink(new ArrayList<>()), "sink");
      Pipeline.run(List.of(src, mid, dst), log.cb("done"));
      loop.nextTick(() -> dst.destroy());
    });
    assertEquals(List.of("sink close", "src doDestroy:ERR_STREAM_PREMATURE_CLOSE", "src error:real",
        "src close", "mid error:ERR_STREAM_PREMATURE_CLOSE", "mid close", "done:real"), log.events);
  }

  @Test
  void aDestinationClosedEarlyFailsThePipelineWithPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Object> src = watch(log, manual(), "src");
      Writable<Object> dst = watch(log, sink(new ArrayList<>()), "sink");
      Pipeline.run(List.of(src, dst), log.cb("done"));
      loop.nextTick(() -> dst.destroy());
    });
    assertEquals(List.of("sink close", "src error:ERR_STREAM_PREMATURE_CLOSE", "src close",
        "done:ERR_STREAM_PREMATURE_CLOSE"), log.events);
  }

  @Test
  void aSourceErrorDestroysEveryStageWithIt() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Object> src = watch(log, manual(), "src");
      PassThrough<Object> mid = watch(log, new PassThrough<>(StreamOptions.objects()), "mid");
      Writable<Object> dst = watch(log, sink(new ArrayList<>()), "sink");
      Pipeline.run(List.of(src, mid, dst), log.cb("done"));
      src.push("a");
      loop.setImmediate(() -> src.destroy(new IllegalStateException("src-fail")));
    });
    assertEquals(List.of("src error:src-fail", "src close", "mid error:src-fail", "mid close",
        "sink error:src-fail", "sink close", "done:src-fail"), log.events);
  }

  @Test
  void aDestinationWriteErrorFailsThePipelineAfterTheSourceEnded() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Integer> src = watch(log, Readable.from(List.of(1, 2, 3)), "src");
      Writable<Integer> dst = watch(log, new Writable<Integer>(StreamOptions.objects()) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          loop().setImmediate(() -> callback.done(chunk == 2 ? new IllegalStateException("sink-fail") : null));
        }
      }, "sink");
      Pipeline.from(src).to(dst).onComplete(log.cb("done"));
    });
    assertEquals(List.of("src end", "src close", "sink error:sink-fail", "sink close",
        "done:sink-fail"), log.events);
  }

  @Test
  void aStageWhoseDoTransformThrowsFailsThePipelineCleanly() {
    LifecycleLog log = new LifecycleLog();
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> src = Readable.from(List.of(1, 2, 3));
      Transform<Integer, Integer> mid = new Transform<>(StreamOptions.objects()) {
        @Override
        protected void doTransform(Integer chunk, Callback callback) {
          if (chunk == 2) {
            throw new IllegalStateException("transform-throw");
          }
          push(chunk);
          callback.done();
        }
      };
      Writable<Object> dst = sink(got);
      for (Stream s : List.of(src, mid, dst)) {
        s.on(Stream.CLOSE, () -> log.add("close " + s.name()));
      }
      Pipeline.from(src).pipe(mid).to(dst).onComplete(e -> log.add("done:" + LifecycleLog.code(e)
          + " destroyed:" + src.destroyed() + "," + mid.destroyed() + "," + dst.destroyed()));
    });
    assertEquals("done:transform-throw destroyed:true,true,true", log.events.get(log.events.size() - 1));
    assertEquals(3, log.events.stream().filter(e -> e.startsWith("close ")).count(), log.events.toString());
    assertEquals(1, log.events.stream().filter(e -> e.startsWith("done:")).count());
    assertEquals(List.of(1), got);
  }

  @Test
  void aDestinationWhoseDoWriteThrowsFailsThePipelineCleanly() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<Integer> src = watch(log, Readable.from(List.of(1, 2, 3)), "src");
      Writable<Integer> dst = watch(log, new Writable<Integer>(StreamOptions.objects()) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          throw new IllegalStateException("write-throw");
        }
      }, "sink");
      Pipeline.from(src).to(dst).onComplete(log.cb("done"));
    });
    assertEquals(List.of("sink error:write-throw", "sink close", "src error:write-throw",
        "src close", "done:write-throw"), log.events);
  }
}
