package io.loopstreams.examples;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Timeout;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.StreamSnapshot;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.core.stream.Writable;
import java.util.List;
import java.util.stream.IntStream;

/**
 * "Where is my pipeline stuck?": {@code ./run-example StuckPipeline [ITEMS] [SLOW_MS]} (defaults
 * 200 and 5) runs source → parse → enrich → store, where enrich takes SLOW_MS per item, and
 * prints the pipeline's per-stage snapshot ({@link Pipeline#snapshot()}) every 250 ms: each
 * stage's state, what its readable and writable sides hold, items in and out, and how long it
 * spent with a full buffer. The stages before the slow one fill up and wait; the ones after it
 * starve. The last line names the slow stage: a full input and an empty output.
 */
public final class StuckPipeline {

  private StuckPipeline() {
  }

  public static void main(String[] args) {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long slowMillis = args.length > 1 ? Long.parseLong(args[1]) : 5;
    EventLoop.run(loop -> {
      Readable<Integer> source = Readable.from(IntStream.range(0, items).iterator(), StreamOptions.objects().name("source"));
      Transform<Integer, String> parse = Transform.map(StreamOptions.objects().name("parse"), i -> "item " + i);
      Transform<String, String> enrich = new Transform<>(StreamOptions.objects().name("enrich")) {
        @Override
        protected void doTransform(String item, Callback callback) {
          loop.setTimeout(() -> { // a slow lookup
            push(item + " enriched");
            callback.done();
          }, slowMillis);
        }
      };
      Writable<String> store = Writable.create(StreamOptions.objects().name("store"), (item, done) -> done.done());
      Pipeline pipeline = Pipeline.from(source).pipe(parse).pipe(enrich).to(store);
      @SuppressWarnings("unchecked") List<StreamSnapshot>[] last = new List[1];
      long start = loop.now();
      Timeout every = loop.setInterval(() -> {
        System.out.println("after " + (loop.now() - start) / 250 * 250 + " ms:");
        print(last[0] = pipeline.snapshot());
      }, 250);
      pipeline.onComplete(e -> {
        loop.clearInterval(every);
        System.out.println(e == null ? "finished:" : "failed: " + e.getMessage());
        print(pipeline.snapshot());
        System.out.println("slowest stage: " + (last[0] == null ? "none seen" : slowest(last[0])));
      });
    });
  }

  private static void print(List<StreamSnapshot> stages) {
    System.out.printf("%-8s %-45s %9s %9s %6s %6s %8s%n", "stage", "state", "rbuffer", "wbuffer", "in", "out", "held ms");
    for (StreamSnapshot s : stages) {
      System.out.printf("%-8s %-45s %9d %9d %6d %6d %8d%n", s.name(), s.state(), s.readableBuffered(),
          s.writableBuffered(), s.chunksIn(), s.chunksOut(), s.blockedMillis());
    }
  }

  /**
   * The first stage with a full input (writes wait for its DRAIN) and an empty output: the
   * stages before it are full and held, the ones after it starve.
   */
  static String slowest(List<StreamSnapshot> stages) {
    for (StreamSnapshot s : stages) {
      if (s.state().contains("NEED_DRAIN") && s.readableBuffered() <= 0) {
        return s.name();
      }
    }
    return "none: no stage has a full input and an empty output";
  }
}
