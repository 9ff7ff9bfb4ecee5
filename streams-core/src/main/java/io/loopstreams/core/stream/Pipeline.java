package io.loopstreams.core.stream;

import io.loopstreams.core.AbortController;
import io.loopstreams.core.AbortException;
import io.loopstreams.core.AbortSignal;
import io.loopstreams.core.Callback;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Listener;
import io.loopstreams.core.Promise;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.internal.Exceptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A running {@code pipeline(source, ...transforms, destination)}: Node's {@code
 * stream.pipeline}. Streams are piped with backpressure; the first error wins (a premature
 * close is replaced by a real error arriving later); on failure or {@link #cancel()} every stage
 * not yet finished is destroyed; the outcome settles exactly once, after the streams' cleanup.
 *
 * <pre>{@code
 * Pipeline.from(source).pipe(gzip).to(sink).promise().thenAccept(v -> ...);
 * }</pre>
 * The builder checks chunk types at compile time; {@link #run(List, Callback)} takes a dynamic
 * list. A pipeline is loop-confined; {@link #stages()} and {@link #snapshot()} show each stage's
 * counters: where is it stuck?
 */
public final class Pipeline {

  /**
   * A way to move data from a source straight into a destination (e.g. {@code copy_file_range}
   * between two files), which a two-stage pipeline uses instead of piping when both agree.
   */
  public interface DirectTransfer {
    /** Whether this source can transfer directly into {@code destination}. */
    boolean canTransferTo(Stream destination);

    /** Moves everything into {@code destination} and ends it; call back once with the outcome. */
    void transferTo(Stream destination, Callback callback);
  }

  // immutable
  private final EventLoop loop;
  private final List<Stream> stages;
  private final AbortController controller = new AbortController();

  // loop thread only
  private final List<Destroyer> destroyers = new ArrayList<>();
  private final List<Callback> listeners = new ArrayList<>(1);
  /** Detaches the pipeline from a last stage that stays readable, on success (Node). */
  private final List<Runnable> lastStreamCleanup = new ArrayList<>(3);
  private Throwable error;
  private int finishCount;
  private boolean settled;
  private boolean delivered;
  private Throwable outcome;
  private Promise.Resolvers<Void> promise;
  /** Detaches from the caller's abort signal once the pipeline is done (Node disposes it). */
  private Runnable removeAbortListener;

  private Pipeline(List<Stream> stages) {
    if (stages.size() < 2) {
      throw StreamException.missingArgs("streams");
    }
    this.stages = List.copyOf(stages);
    this.loop = this.stages.get(0).loop;
    loop.checkInLoop();
    for (int i = 0; i < this.stages.size(); i++) {
      Stream s = this.stages.get(i);
      if (i < this.stages.size() - 1 && !(s instanceof Readable)) {
        throw new StreamException(ErrorCode.ERR_INVALID_ARG_TYPE,
            "stage " + i + " (" + s.name() + ") must be readable");
      }
      if (i > 0 && !(s instanceof WritableStream)) {
        throw new StreamException(ErrorCode.ERR_INVALID_ARG_TYPE,
            "stage " + i + " (" + s.name() + ") must be writable");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Entry points

  /** Starts a typed pipeline at {@code source}. */
  public static <T> Builder<T> from(Readable<T> source) {
    List<Stream> list = new ArrayList<>();
    list.add(Objects.requireNonNull(source, "source"));
    return new Builder<>(list);
  }

  /** Runs a dynamic list of stages; {@code callback} is called once with the outcome. */
  public static Pipeline run(List<? extends Stream> stages, Callback callback) {
    Pipeline p = new Pipeline(new ArrayList<>(stages));
    if (callback != null) {
      p.listeners.add(callback);
    }
    p.start(null);
    return p;
  }

  /** Runs stages given inline. */
  public static Pipeline run(Stream... stages) {
    return run(List.of(stages), null);
  }

  /** The typed builder: each {@code pipe} must accept what the previous stage produces. */
  public static final class Builder<T> {
    private final List<Stream> stages;
    private AbortSignal signal;

    private Builder(List<Stream> stages) {
      this.stages = stages;
    }

    /** Adds a transform stage. */
    @SuppressWarnings("unchecked")
    public <R> Builder<R> pipe(Duplex<? super T, R> stage) {
      stages.add(Objects.requireNonNull(stage, "stage"));
      Builder<R> next = (Builder<R>) this;
      return next;
    }

    /** Cancels the pipeline when {@code abortSignal} aborts (Node's {@code signal} option). */
    public Builder<T> signal(AbortSignal abortSignal) {
      this.signal = abortSignal;
      return this;
    }

    /** Adds the destination and starts the pipeline. */
    public Pipeline to(WritableStream<? super T> destination) {
      stages.add(Objects.requireNonNull(destination, "destination").stream());
      Pipeline p = new Pipeline(stages);
      p.start(signal);
      return p;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Wiring

  private void start(AbortSignal signal) {
    int n = stages.size();
    if (n == 2 && stages.get(0) instanceof DirectTransfer
        && ((DirectTransfer) stages.get(0)).canTransferTo(stages.get(1))) {
      startDirect((DirectTransfer) stages.get(0), stages.get(1));
    } else {
      for (int i = 0; i < n; i++) {
        Stream s = stages.get(i);
        boolean lastReadable = i == n - 1 && s.readableAlive();
        Listener<Throwable> onError = this::onStageError;
        s.on(Stream.ERROR, onError);
        Destroyer d = new Destroyer(s, i < n - 1, i > 0);
        destroyers.add(d);
        if (lastReadable) {
          lastStreamCleanup.add(() -> s.off(Stream.ERROR, onError));
          lastStreamCleanup.add(d.cleanup);
        }
        if (i > 0) {
          finishCount += 2;
          @SuppressWarnings("unchecked") Readable<Object> src = (Readable<Object>) stages.get(i - 1);
          @SuppressWarnings("unchecked") WritableStream<Object> dst = (WritableStream<Object>) s;
          Runnable cleanup = link(src, dst);
          if (lastReadable) {
            lastStreamCleanup.add(cleanup);
          }
        }
      }
    }
    controller.signal().whenAborted(reason -> finish(reason, false));
    if (signal != null) {
      Listener<Throwable> onAbort = reason -> controller.abort(reason instanceof AbortException
          ? reason : new AbortException(reason));
      if (signal.aborted()) {
        // As in Node: an already aborted signal aborts on the next tick, after the wiring.
        Throwable reason = signal.reason();
        loop.nextTick(() -> onAbort.on(reason));
      } else {
        removeAbortListener = signal.whenAborted(onAbort);
      }
    }
  }

  private void startDirect(DirectTransfer source, Stream destination) {
    finishCount = 1;
    Stream src = (Stream) source;
    for (Stream s : stages) {
      s.on(Stream.ERROR, this::onStageError);
    }
    destroyers.add(new Destroyer(src, true, false));
    destroyers.add(new Destroyer(destination, false, true));
    source.transferTo(destination, this::finishOne);
  }

  /**
   * Node's {@code pipe(src, dst, finish, {end: true})} inside pipeline.js. Returns the cleanup of
   * the watch on {@code dst}.
   */
  private Runnable link(Readable<Object> src, WritableStream<Object> dst) {
    Stream dstStream = dst.stream();
    boolean[] ended = {false};
    dstStream.on(Stream.CLOSE, () -> {
      if (!ended[0]) {
        finishOne(StreamException.prematureClose());
      }
    });
    src.pipe(dst, false);
    Runnable endFn = () -> {
      ended[0] = true;
      dst.end();
    };
    if (src.readableEnded()) {
      loop.nextTick(endFn);
    } else {
      src.once(Stream.END, endFn);
    }
    Finished.finished(src, true, false, true, err -> {
      if (StreamException.isPrematureClose(err) && src.eofPushed()
          && src.errored() == null && !src.errorEmitted()) {
        // Some readables emit CLOSE before END although EOF was pushed: wait for END (Node).
        boolean[] once = {false};
        Listener<Throwable> settle = e -> {
          if (!once[0]) {
            once[0] = true;
            finishOne(e);
          }
        };
        src.once(Stream.END, () -> settle.on(null));
        src.once(Stream.ERROR, settle);
      } else {
        finishOne(err);
      }
    });
    return Finished.finished(dstStream, false, true, true, this::finishOne);
  }

  private void onStageError(Throwable e) {
    if (e != null && !StreamException.isAbort(e) && !StreamException.isPrematureClose(e)) {
      finishOne(e);
    }
  }

  private void finishOne(Throwable e) {
    finish(e, --finishCount == 0);
  }

  private void finish(Throwable e, boolean last) {
    if (e != null && (error == null || StreamException.isPrematureClose(error))) {
      error = e;
    }
    if (error == null && !last) {
      return;
    }
    while (!destroyers.isEmpty()) {
      destroyers.remove(0).destroy(error);
    }
    if (removeAbortListener != null) {
      removeAbortListener.run();
      removeAbortListener = null;
    }
    if (last && !settled) {
      settled = true;
      if (error == null) {
        // A last stage still readable is the caller's now: its later errors must not be swallowed.
        lastStreamCleanup.forEach(Runnable::run);
      }
      Throwable result = error;
      loop.nextTick(() -> settle(result));
    }
  }

  private void settle(Throwable result) {
    outcome = result;
    delivered = true;
    if (promise != null) {
      if (result != null) {
        promise.reject(result);
      } else {
        promise.resolve(null);
      }
    }
    // Every listener hears the outcome even if one throws; the first throw is then rethrown
    // (an uncaught exception on the loop, as a throwing callback is in Node).
    List<Callback> all = new ArrayList<>(listeners);
    listeners.clear();
    Throwable thrown = null;
    for (Callback c : all) {
      try {
        c.done(result);
      } catch (Throwable t) {
        if (thrown == null) {
          thrown = t;
        } else {
          thrown.addSuppressed(t);
        }
      }
    }
    if (thrown != null) {
      throw Exceptions.sneakyThrow(thrown);
    }
  }

  /** Destroys one stage on failure unless it already finished or closed (pipeline.js destroyer). */
  private static final class Destroyer {
    final Stream stream;
    final Runnable cleanup;
    boolean finished;

    Destroyer(Stream stream, boolean reading, boolean writing) {
      this.stream = stream;
      stream.on(Stream.CLOSE, () -> finished = true);
      cleanup = Finished.finished(stream, reading, writing, true, e -> finished = e == null);
    }

    void destroy(Throwable error) {
      if (finished) {
        return;
      }
      finished = true;
      stream.destroy(error != null ? error : StreamException.destroyed("pipe"));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Handle

  /** Cancels: every unfinished stage is destroyed and the outcome is an {@link AbortException}. */
  public void cancel() {
    loop.checkInLoop();
    controller.abort();
  }

  /** Calls {@code callback} once with the outcome (immediately on the next tick if settled). */
  public Pipeline onComplete(Callback callback) {
    loop.checkInLoop();
    Objects.requireNonNull(callback, "callback");
    if (delivered) {
      Throwable r = outcome;
      loop.nextTick(() -> callback.done(r));
    } else {
      listeners.add(callback);
    }
    return this;
  }

  /** The outcome as a promise: fulfilled when the last stage finished, else rejected. */
  public Promise<Void> promise() {
    loop.checkInLoop();
    if (promise == null) {
      promise = Promise.withResolvers(loop);
      if (delivered) {
        if (outcome != null) {
          promise.reject(outcome);
        } else {
          promise.resolve(null);
        }
      }
    }
    return promise.promise();
  }

  /** Whether the pipeline has settled. */
  public boolean isDone() {
    return settled;
  }

  /** The stages, source first. */
  public List<Stream> stages() {
    return stages;
  }

  /** Each stage's state and counters, source first. */
  public List<StreamSnapshot> snapshot() {
    loop.checkInLoop();
    List<StreamSnapshot> out = new ArrayList<>(stages.size());
    for (Stream s : stages) {
      out.add(s.snapshot());
    }
    return out;
  }
}
