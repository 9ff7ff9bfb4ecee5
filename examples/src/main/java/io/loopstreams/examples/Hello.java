package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.core.stream.Writable;
import java.io.PrintStream;
import java.util.List;

/** The README's example: words through an upper-casing transform into a printing sink. */
public final class Hello {

  private Hello() {
  }

  public static void main(String[] args) {
    run(List.of(args.length > 0 ? args : new String[] {"event", "loop", "streams"}), System.out);
  }

  /** Runs the pipeline on a fresh loop, printing to {@code out}; returns when it settled. */
  static void run(List<String> input, PrintStream out) {
    EventLoop.run(loop -> {
      Readable<String> words = Readable.from(input);
      Transform<String, String> upper = Transform.map(StreamOptions.objects(), String::toUpperCase);
      Writable<String> sink = Writable.create(StreamOptions.objects(), (word, done) -> {
        out.println(word);
        done.done();
      });
      Pipeline.from(words).pipe(upper).to(sink)
          .onComplete(err -> out.println(err == null ? "finished" : "failed: " + err));
    });
  }
}
