package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-readable-object-multi-push-async.js}: a
 * {@code doRead} that fetches a batch asynchronously and pushes all of it at once (ignoring
 * push's return value) is called once per batch plus once for the end.
 */
class ReadableObjectMultiPushAsyncTest {

  private static final int MAX = 42;
  private static final int BATCH = 10;

  /** Batches of ten numbers on the next immediate; an empty batch once past MAX. */
  private static final class Fetcher {
    int i;

    void fetch(EventLoop loop, Consumer<List<Integer>> cb) {
      List<Integer> batch = new ArrayList<>();
      if (i <= MAX) {
        for (int max = i + BATCH; i < max; i++) {
          batch.add(i);
        }
      }
      loop.setImmediate(() -> cb.accept(batch));
    }
  }

  private static Readable<Integer> batched(EventLoop loop, StreamOptions options, Fetcher f,
      int[] reads, List<String> ev) {
    return new Readable<>(options) {
      @Override
      protected void doRead(long size) {
        reads[0]++;
        f.fetch(loop, data -> {
          if (data.isEmpty()) {
            ev.add("push null");
            push(null);
            return;
          }
          ev.add("push " + data.size());
          data.forEach(this::push);
        });
      }
    };
  }

  @Test
  void aReadableConsumerGetsEachBatchInOneReadableEvent() {
    List<String> ev = new ArrayList<>();
    List<Integer> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Fetcher f = new Fetcher();
      int[] reads = {0};
      Readable<Integer> r = batched(loop, StreamOptions.objects(), f, reads, ev);
      r.on(Stream.READABLE, () -> {
        ev.add("readable");
        for (Integer d; (d = r.read()) != null; ) {
          got.add(d);
        }
        ev.add("got " + got.size());
      });
      r.on(Stream.END, () -> ev.add("end i=" + f.i + " reads=" + reads[0]));
    });
    assertEquals(List.of("push 10", "readable", "got 10", "push 10", "readable", "got 20",
        "push 10", "readable", "got 30", "push 10", "readable", "got 40", "push 10", "readable",
        "got 50", "push null", "readable", "got 50", "end i=50 reads=6"), ev);
    assertEquals(0, got.get(0));
    assertEquals(49, got.get(49));
  }

  @Test
  void aFlowingConsumerGetsEveryItemInOrder() {
    List<String> ev = new ArrayList<>();
    List<Integer> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Fetcher f = new Fetcher();
      int[] reads = {0};
      Readable<Integer> r = batched(loop, StreamOptions.objects().highWaterMark(1000), f, reads, new ArrayList<>());
      r.onData(got::add);
      r.on(Stream.END, () -> ev.add("end n=" + got.size() + " reads=" + reads[0]));
    });
    assertEquals(List.of("end n=50 reads=6"), ev);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      expected.add(i);
    }
    assertEquals(expected, got);
  }
}
