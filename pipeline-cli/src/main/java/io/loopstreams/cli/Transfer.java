package io.loopstreams.cli;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.StreamSnapshot;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.net.NetException;
import io.loopstreams.net.TlsException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One input through zero or more transforms into one output, on the loop: the unit the
 * commands run, count and report. The transforms are chosen after the input's first bytes
 * were seen (content detection).
 *
 * <pre>
 *   NEW ─start→ HEAD (first bytes read) ─→ RUNNING (pipeline) ─→ FINISHING (mode) ─→ DONE
 *                         any failure ─→ DONE with the error (output removed by the atomic write)
 * </pre>
 */
final class Transfer {

  /** Chooses the transforms from the input's first bytes; may throw a {@link CliFailure}. */
  interface Stages extends Function<ByteBuffer, List<Transform<ByteBuffer, ByteBuffer>>> {
  }

  final Input in;
  final Output out;
  private final Runnable check;
  private final Stages stages;

  private RuntimeException refused;
  private Consumer<Result> whenDone = r -> { };

  // loop thread only
  private Readable<ByteBuffer> source;
  private Stream sink;
  private Pipeline pipeline;
  private long startNanos;
  private long bytesIn;
  private long bytesOut;

  /** {@code check} runs first and refuses by throwing (existing output, terminal, bad name). */
  Transfer(Input in, Output out, Runnable check, Stages stages) {
    this.in = in;
    this.out = out;
    this.check = check;
    this.stages = stages;
  }

  /** Runs on the loop once the transfer settled, before its result is handed on (recv's answer). */
  Transfer whenDone(Consumer<Result> action) {
    this.whenDone = action;
    return this;
  }

  /**
   * Runs the refusal checks (existing output, terminal, missing input) before the loop and the
   * progress bar start; a refused transfer then ends at once with that error.
   */
  void precheck() {
    try {
      check.run();
    } catch (RuntimeException e) {
      refused = e;
    }
  }

  boolean accepted() {
    return refused == null;
  }

  /** Runs the transfer; the promise always fulfils, with the error inside the result. */
  Promise<Result> start(EventLoop loop) {
    startNanos = System.nanoTime();
    Promise.Resolvers<Result> settled = Promise.withResolvers(loop);
    Promise.Resolvers<Result> done = Promise.withResolvers(loop);
    settled.promise().thenAccept(r -> {
      whenDone.accept(r);
      done.resolve(r);
    });
    if (refused != null) {
      settled.resolve(result(refused));
      return done.promise();
    }
    in.head(loop).onSettled((head, err) -> {
      if (err != null) {
        settled.resolve(result(err));
        return;
      }
      try {
        List<Stream> list = new ArrayList<>();
        List<Transform<ByteBuffer, ByteBuffer>> middle = stages.apply(head);
        source = in.open(loop);
        list.add(source);
        list.addAll(middle);
        sink = out.open(loop, in).stream();
        list.add(sink);
        pipeline = Pipeline.run(list, e -> {
          if (e != null) {
            settled.resolve(result(e));
          } else {
            out.finish(loop, in).onSettled((v, e2) -> settled.resolve(result(e2)));
          }
        });
      } catch (RuntimeException e) {
        settled.resolve(result(e));
      }
    });
    return done.promise();
  }

  /** Bytes read from the input so far (loop thread). */
  long bytesIn() {
    return source == null ? bytesIn : source.snapshot().bytesOut();
  }

  /** Bytes handed to the output so far (loop thread). */
  long bytesOut() {
    return sink == null ? bytesOut : sink.snapshot().bytesIn();
  }

  private Result result(Throwable error) {
    Throwable e = ErrorText.unwrap(error);
    if (out.kind() == Output.Kind.SOCKET && (e instanceof NetException || e instanceof TlsException)) {
      e = new CliFailure(out.label(), ErrorText.of(e, null), e); // the connection failed, not the file
    }
    bytesIn = bytesIn();
    bytesOut = bytesOut();
    List<StreamSnapshot> snaps = pipeline == null ? List.of() : pipeline.snapshot();
    return new Result(in.label(), out.label(), bytesIn, bytesOut,
        System.nanoTime() - startNanos, e, snaps);
  }

  /** What a transfer did: bytes, time, the error if any, and each stage's counters. */
  record Result(String input, String output, long bytesIn, long bytesOut, long nanos,
      Throwable error, List<StreamSnapshot> stages) {
    boolean ok() {
      return error == null;
    }
  }
}
