package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Function stages (Node's {@code async function*(source)} stages) in a pipeline, and {@code
 * Readable.compose}: re-expresses the generator cases of Node's {@code
 * test-stream-pipeline.js} and {@code test-stream-compose.js}. Node 20, checked:
 * <pre>
 * pipeline(from([1,2,3]), async function*(s){ for await (x of s) yield x*10 }, sink) → [10, 20, 30]
 * from([1,2]).compose(async function*(s){ ... yield "v"+x }).toArray()        → ['v1', 'v2']
 * from([1,2]).compose(compose(t(x+1), t(x*2))).toArray()                       → [4, 6]
 * a throw inside the composed generator at x == 2 → rejected "stage", source destroyed
 * </pre>
 */
@org.junit.jupiter.api.Timeout(20)
class PipelineFunctionStageTest {

  private static Writable<Object> collect(List<Object> got) {
    return new Writable<>(StreamOptions.objects()) {
      @Override
      protected void doWrite(Object chunk, Callback callback) {
        got.add(chunk);
        callback.done(null);
      }
    };
  }

  @Test
  void aFunctionStageTransformsEveryChunkInOrder() {
    List<Object> got = new ArrayList<>();
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> Pipeline.from(Readable.from(List.of(1, 2, 3)))
        .pipe((Readable<Integer> src) -> src.map(x -> x * 10))
        .to(collect(got))
        .onComplete(err -> out.add("done " + err)));
    assertEquals(List.of(10, 20, 30), got);
    assertEquals(List.of("done null"), out);
  }

  @Test
  void functionStagesChainWithStreamStagesAndKeepBackpressure() {
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> Pipeline.from(new OperatorSources.Counting(2, 500))
        .pipe((Readable<Integer> src) -> src.filter(x -> x % 2 == 0))
        .pipe(Transform.<Integer, Integer>map(StreamOptions.objects(), x -> x / 2))
        .pipe((Readable<Integer> src) -> src.map(x -> "n" + x))
        .to(collect(got)));
    assertEquals(250, got.size());
    assertEquals("n1", got.get(0));
    assertEquals("n250", got.get(249));
  }

  @Test
  void aFailingFunctionStageFailsThePipelineAndDestroysEveryStage() {
    List<String> out = new ArrayList<>();
    List<Stream> stages = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> src = Readable.from(List.of(1, 2, 3));
      Writable<Object> sink = collect(new ArrayList<>());
      Pipeline p = Pipeline.from(src)
          .pipe((Readable<Integer> s) -> s.map(x -> {
            if (x == 2) {
              throw new IllegalStateException("stage");
            }
            return x;
          }))
          .to(sink);
      stages.addAll(p.stages());
      p.onComplete(err -> out.add("rejected " + err.getMessage()));
    });
    assertEquals(List.of("rejected stage"), out);
    stages.forEach(s -> assertTrue(s.destroyed(), s.name()));
  }

  @Test
  void composeAFunctionYieldsItsOutput() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(Readable.from(List.of(1, 2))
        .compose((Readable<Integer> s) -> s.map(x -> "v" + x)).toList(), out));
    assertEquals(List.of("ok:[v1, v2]"), out);
  }

  @Test
  void composeADuplexPipesThroughIt() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> OperatorSources.settle(Readable.from(List.of(1, 2))
        .compose(Transform.<Integer, Integer>map(StreamOptions.objects(), x -> x + 1))
        .compose(Transform.<Integer, Integer>map(StreamOptions.objects(), x -> x * 2))
        .toList(), out));
    assertEquals(List.of("ok:[4, 6]"), out);
  }

  @Test
  void anErrorInsideAComposedStageRejectsAndDestroysTheSource() {
    List<String> out = new ArrayList<>();
    Readable<?>[] src = new Readable<?>[1];
    EventLoop.run(loop -> {
      Readable<Integer> s = Readable.from(List.of(1, 2, 3));
      src[0] = s;
      OperatorSources.settle(s.compose((Readable<Integer> in) -> in.map(x -> {
        if (x == 2) {
          throw new IllegalStateException("stage");
        }
        return x;
      })).toList(), out);
    });
    assertEquals(List.of("err:stage"), out);
    assertTrue(src[0].destroyed());
  }
}
