package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An operator whose function fails still delivers every good item before the failure; the
 * error comes when the consumer asks for the next item. The Node twin (Node 20.20):
 *
 * <pre>
 * const { Readable, Writable } = require("stream");
 * async function run(name, r) { const got = [];
 *   try { await r.forEach(x => got.push(x)); console.log(name, JSON.stringify(got), "resolved"); }
 *   catch (e) { console.log(name, JSON.stringify(got), "rejected:", e.message); } }
 * await run("map", Readable.from([0,1,2]).map(x => { if (x === 1) throw new Error("boom"); return x; }));
 * await run("filter", Readable.from([0,1,2,3]).filter(x => { if (x === 2) throw new Error("boom"); return true; }));
 * await run("dropmap", Readable.from([0,1,2,3]).drop(1).map(x => { if (x === 2) throw new Error("boom"); return x; }));
 * await run("mapconc", Readable.from([0,1,2]).map(x => x === 1 ? Promise.reject(new Error("boom"))
 *     : new Promise(r => setTimeout(() => r(x), 10)), {concurrency: 2}));
 * const got = [];
 * const m = Readable.from([0,1,2,3]).map(x => { if (x === 2) throw new Error("boom"); return x; });
 * m.on("error", e => console.log("pipe error", e.message, JSON.stringify(got)));
 * m.pipe(new Writable({objectMode: true, highWaterMark: 1,
 *     write(c, e, cb) { got.push(c); setTimeout(cb, 10); }}));
 * </pre>
 * prints
 * <pre>
 * map [0] rejected: boom
 * filter [0,1] rejected: boom
 * dropmap [1] rejected: boom
 * mapconc [0] rejected: boom
 * pipe error boom [0,1]
 * </pre>
 * and for {@code flatMap}
 * <pre>
 * await run("flatMap", Readable.from([0,1,2]).flatMap(x => { if (x === 1) throw new Error("boom"); return [x, x+10]; }));
 * await run("flatMapInner", Readable.from([0,1]).flatMap(x => x === 1
 *     ? new Readable({objectMode: true, read() { this.destroy(new Error("inner")); }}) : [x, x+10]));
 * </pre>
 * prints
 * <pre>
 * flatMap [0,10] rejected: boom
 * flatMapInner [0,10] rejected: inner
 * </pre>
 * and the pipe case with {@code flatMap(x => { if (x === 1) throw new Error("boom"); return [x, x+10]; })}
 * over {@code [0,1,2]} prints {@code pipe error boom [0,10]}.
 */
class OperatorErrorKeepsEarlierItemsTest {

  private static <T> T failOn(T item, T bad) {
    if (item.equals(bad)) {
      throw new IllegalStateException("boom");
    }
    return item;
  }

  /** Runs {@code build} on a fresh loop, consumes it with forEach: the items, then the outcome. */
  private static List<String> forEach(Function<EventLoop, Readable<Integer>> build) {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> build.apply(loop).forEach(x -> {
      out.add(String.valueOf(x));
    }).onSettled((v, e) -> out.add(e == null ? "resolved" : "rejected: " + e.getMessage())));
    return out;
  }

  @Test
  void mapThatThrowsOnTheSecondItemDeliversTheFirstThenRejects() {
    assertEquals(List.of("0", "rejected: boom"),
        forEach(loop -> Readable.from(List.of(0, 1, 2)).map(x -> failOn(x, 1))));
  }

  @Test
  void filterThatThrowsOnTheThirdItemDeliversTheFirstTwoThenRejects() {
    assertEquals(List.of("0", "1", "rejected: boom"),
        forEach(loop -> Readable.from(List.of(0, 1, 2, 3)).filter(x -> failOn(x, 2) >= 0)));
  }

  @Test
  void dropThenMapThatThrowsDeliversTheItemBeforeTheFailure() {
    assertEquals(List.of("1", "rejected: boom"),
        forEach(loop -> Readable.from(List.of(0, 1, 2, 3)).drop(1).map(x -> failOn(x, 2))));
  }

  @Test
  void concurrentMapRejectingWhileAnEarlierItemIsPendingDeliversThatItemFirst() {
    assertEquals(List.of("0", "rejected: boom"),
        forEach(loop -> Readable.from(List.of(0, 1, 2)).map(x -> x == 1
            ? Promise.<Integer>rejected(loop, new IllegalStateException("boom"))
            : OperatorSources.later(loop, 10, x), 2)));
  }

  /** Pipes {@code op(source)} to a writable that takes 10 ms per item; the error and what it got. */
  private static List<String> pipeToSlowWritable(List<Integer> items,
      Function<Readable<Integer>, Readable<Integer>> op, Readable<?>[] source) {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> from = Readable.from(items);
      source[0] = from;
      List<Integer> got = new ArrayList<>();
      Readable<Integer> mapped = op.apply(from);
      mapped.on(Stream.ERROR, e -> out.add("pipe error " + e.getMessage() + " " + got));
      mapped.pipe(Writable.<Integer>create(StreamOptions.objects().highWaterMark(1), (c, cb) -> {
        got.add(c);
        loop.setTimeout(() -> cb.done(null), 10);
      }));
    });
    return out;
  }

  @Test
  void mapPipedToASlowWritableWritesEveryItemBeforeTheFailure() {
    Readable<?>[] source = new Readable<?>[1];
    assertEquals(List.of("pipe error boom [0, 1]"),
        pipeToSlowWritable(List.of(0, 1, 2, 3), s -> s.map(x -> failOn(x, 2)), source));
    assertTrue(source[0].destroyed(), "the source is destroyed with the operator");
  }

  @Test
  void flatMapPipedToASlowWritableWritesEveryItemBeforeTheFailure() {
    Readable<?>[] source = new Readable<?>[1];
    assertEquals(List.of("pipe error boom [0, 10]"), pipeToSlowWritable(List.of(0, 1, 2),
        s -> s.flatMapIterable(x -> List.of(failOn(x, 1), x + 10)), source));
    assertTrue(source[0].destroyed(), "the source is destroyed with the operator");
  }

  @Test
  void flatMapThatThrowsDeliversTheEarlierInnerItemsThenRejects() {
    assertEquals(List.of("0", "10", "rejected: boom"),
        forEach(loop -> Readable.from(List.of(0, 1, 2)).flatMapIterable(x -> List.of(failOn(x, 1), x + 10))));
  }

  @Test
  void flatMapWhoseInnerStreamFailsDeliversTheEarlierItemsThenRejects() {
    assertEquals(List.of("0", "10", "rejected: inner"),
        forEach(loop -> Readable.from(List.of(0, 1)).flatMap(x -> x == 1
            ? new Readable<Integer>(StreamOptions.objects()) {
              @Override
              protected void doRead(long size) {
                destroy(new IllegalStateException("inner"));
              }
            }
            : Readable.from(List.of(x, x + 10)))));
  }
}
