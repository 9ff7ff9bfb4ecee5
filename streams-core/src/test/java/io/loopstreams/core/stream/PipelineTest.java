package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.loopstreams.core.Callback;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the success and argument cases of Node's {@code
 * test/parallel/test-stream-pipeline.js}: data flows through every stage, the callback is called
 * once after the last stream's CLOSE, the variadic/array form, fewer than two streams is {@code
 * ERR_MISSING_ARGS}; plus the Java additions (typed builder, promise, snapshot per stage).
 * Expected orders were recorded with Node 20 using a synchronous source equivalent to {@code
 * Readable.from}.
 */
class PipelineTest {

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

  @Test
  void successSettlesAfterTheLastStreamsClose() {
    LifecycleLog log = new LifecycleLog();
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<String> src = watch(log, Readable.from(List.of("a", "b")), "src");
      PassThrough<String> mid = watch(log, new PassThrough<>(StreamOptions.objects()), "mid");
      Writable<String> dst = watch(log, PipelineTest.<String>collect(got), "sink");
      Pipeline.from(src).pipe(mid).to(dst).onComplete(log.cb("done"));
    });
    assertEquals(List.of("src end", "mid end", "mid finish", "src close", "sink finish",
        "mid close", "sink close", "done:null"), log.events);
    assertEquals(List.of("a", "b"), got);
  }

  @Test
  void aSlowDestinationStillReceivesEverythingBeforeTheCallback() {
    LifecycleLog log = new LifecycleLog();
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> src = watch(log, Readable.from(List.of(1, 2, 3)), "src");
      Writable<Integer> dst = watch(log, new Writable<Integer>(StreamOptions.objects().highWaterMark(1)) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          got.add(chunk);
          loop().setImmediate(callback::done);
        }
      }, "sink");
      Pipeline.from(src).to(dst).onComplete(log.cb("done"));
    });
    assertEquals(List.of("src end", "src close", "sink finish", "sink close", "done:null"),
        log.events);
    assertEquals(List.of(1, 2, 3), got);
  }

  @Test
  void theVariadicFormRunsAListOfStagesAndCallsBackOnce() {
    List<Object> got = new ArrayList<>();
    List<Throwable> outcomes = new ArrayList<>();
    EventLoop.run(loop -> {
      List<Stream> stages = List.of(Readable.from(List.of(1, 2, 3)),
          new PassThrough<Integer>(StreamOptions.objects()),
          new PassThrough<Integer>(StreamOptions.objects()),
          PipelineTest.<Integer>collect(got));
      Pipeline p = Pipeline.run(stages, outcomes::add);
      assertEquals(stages, p.stages());
    });
    assertEquals(List.of(1, 2, 3), got);
    assertEquals(1, outcomes.size());
    assertEquals(null, outcomes.get(0));
  }

  @Test
  void fewerThanTwoStagesThrowsErrMissingArgs() {
    EventLoop.run(loop -> {
      Readable<Integer> only = Readable.from(List.of(1));
      StreamException e = assertThrows(StreamException.class,
          () -> Pipeline.run(List.of(only), err -> { }));
      assertEquals(ErrorCode.ERR_MISSING_ARGS, e.code());
      assertEquals("The \"streams\" argument must be specified", e.getMessage());
      StreamException none = assertThrows(StreamException.class, () -> Pipeline.run());
      assertEquals(ErrorCode.ERR_MISSING_ARGS, none.code());
      only.destroy();
    });
  }

  @Test
  void theTypedBuilderChainsEachStagesOutputIntoTheNextStagesInput() {
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> numbers = Readable.from(List.of(1, 2, 3));
      Transform<Integer, String> show = Transform.map(StreamOptions.objects(), n -> "#" + n);
      Transform<String, Integer> length = Transform.map(StreamOptions.objects(), String::length);
      Writable<Integer> sink = collect(got);
      Pipeline.from(numbers).pipe(show).pipe(length).to(sink);
    });
    assertEquals(List.of(2, 2, 2), got);
  }

  @Test
  void thePromiseFulfilsOnSuccessAndRejectsWithTheFirstError() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Pipeline.from(Readable.from(List.of(1))).to(PipelineTest.<Integer>collect(new ArrayList<>()))
          .promise().onSettled((v, e) -> log.add("ok:" + LifecycleLog.code(e)));
      Pipeline.from(Readable.from(List.of(1))).to(new Writable<Integer>(StreamOptions.objects()) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          callback.done(new IllegalStateException("kaboom"));
        }
      }).promise().onSettled((v, e) -> log.add("failed:" + LifecycleLog.code(e)));
    });
    assertEquals(List.of("failed:kaboom", "ok:null"), log.events.stream().sorted().toList());
  }

  @Test
  void onCompleteAfterSettlingCallsBackOnTheNextTickWithTheSameOutcome() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Pipeline p = Pipeline.from(Readable.from(List.of(1))).to(PipelineTest.<Integer>collect(new ArrayList<>()));
      p.onComplete(e -> {
        log.add("first:" + LifecycleLog.code(e) + " done:" + p.isDone());
        p.onComplete(log.cb("second"));
        log.add("registered");
      });
    });
    assertEquals(List.of("first:null done:true", "registered", "second:null"), log.events);
  }

  @Test
  void snapshotListsEachStageInOrderWithItsCounters() {
    List<StreamSnapshot> seen = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> src = Readable.from(List.of(1, 2, 3).iterator(), StreamOptions.objects().highWaterMark(1).name("numbers"));
      PassThrough<Integer> mid = new PassThrough<>(StreamOptions.objects().name("relay"));
      Writable<Integer> dst = new Writable<>(StreamOptions.objects().name("stalled")) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          // never completes: the pipeline is stuck here
        }
      };
      Pipeline p = Pipeline.from(src).pipe(mid).to(dst);
      loop.setImmediate(() -> {
        seen.addAll(p.snapshot());
        p.cancel();
      });
    });
    assertEquals(List.of("numbers", "relay", "stalled"), seen.stream().map(StreamSnapshot::name).toList());
    StreamSnapshot sink = seen.get(2);
    assertEquals(-1, sink.readableBuffered());
    assertEquals(1, sink.chunksOut());
    assertEquals(-1, seen.get(0).writableBuffered());
  }

  @Test
  void theReturnedPipelineExposesTheSameStagesItWasBuiltFrom() {
    EventLoop.run(loop -> {
      Readable<Integer> src = Readable.from(List.of(1));
      Writable<Integer> dst = collect(new ArrayList<>());
      Pipeline p = Pipeline.from(src).to(dst);
      assertEquals(2, p.stages().size());
      assertSame(src, p.stages().get(0));
      assertSame(dst, p.stages().get(1));
    });
  }
}
