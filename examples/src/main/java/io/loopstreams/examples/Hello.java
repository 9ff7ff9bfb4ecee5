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
    boolean ok = run(List.of(args.length > 0 ? args : new String[] {"event", "loop", "streams"}), System.out, System.err);
    System.exit(ok ? 0 : 1);
  }

  /** Runs the pipeline on a fresh loop, printing to {@code out} (an error on {@code err}); true on success. */
  static boolean run(List<String> input, PrintStream out, PrintStream err) {
    boolean[] ok = {false};
    EventLoop.run(loop -> {
      Readable<String> words = Readable.from(input);
      Transform<String, String> upper = Transform.map(StreamOptions.objects(), String::toUpperCase);
      Writable<String> sink = Writable.create(StreamOptions.objects(), (word, done) -> {
        out.println(word);
        done.done();
      });
      Pipeline.from(words).pipe(upper).to(sink)
          .onComplete(e -> {
            if (e == null) {
              out.println("finished");
              ok[0] = true;
            } else {
              err.println("Hello: " + e.getMessage());
            }
          });
    });
    return ok[0];
  }
}
