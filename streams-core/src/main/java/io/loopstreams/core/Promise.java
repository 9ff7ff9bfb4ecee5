package io.loopstreams.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A loop-bound promise: JavaScript's {@code Promise} on an {@link EventLoop}. Continuations run
 * as promise jobs (microtasks) on the owning loop, after the nextTick queue, exactly where V8
 * would run them.
 *
 * <p>States: {@code PENDING → FULFILLED} or {@code PENDING → REJECTED}, once. A promise rejected
 * with no continuation attached by the end of the microtask drain is an unhandled rejection (see
 * {@link EventLoop.UnhandledRejectionMode}).
 *
 * <p>Loop-confined, except {@link #toCompletableFuture()} and {@link #await()}, which are the
 * bridges to other threads.
 *
 * <h2>Differences from JavaScript</h2>
 * {@code then(fn)} is split by what {@code fn} returns: {@link #map} for a value, {@link
 * #flatMap} for a promise to adopt. {@code catch} and {@code finally} are Java keywords: they are
 * {@link #catchError} and {@link #doFinally}. Rejection reasons are {@link Throwable}s.
 *
 * <p>Not final only for its one private subclass: a promise made by a continuation is also the
 * job that settles it, which saves an object per step (see {@code Derived}). It cannot be
 * subclassed elsewhere (the constructor is package-private).
 *
 * @param <T> the fulfilled value's type
 */
public class Promise<T> {

  /**
   * A settled promise's state, kept in the {@code reactions} slot, which settling empties anyway:
   * three fields in all keep a promise at 24 bytes. {@code REJECTED_HANDLED} is a rejection that
   * a continuation observes (attached before or after), so it is not unhandled.
   */
  private enum State { FULFILLED, REJECTED, REJECTED_HANDLED }

  // immutable
  final EventLoop loop;

  // loop thread only
  /**
   * Settled: the value or the Throwable. Pending: unused, except that a {@link Derived} keeps its
   * continuation here until it runs.
   */
  private Object result;
  /**
   * Pending: null, one reaction job ({@link PromiseReaction} or {@link Derived}), or an {@code ArrayList}
   * of them; a pending promise with reactions is handled. Settled: its {@link State}.
   */
  private Object reactions;

  Promise(EventLoop loop) {
    this.loop = loop;
  }

  // ---------------------------------------------------------------------------------------------
  // Creation

  /** Both halves of a pending promise: ES2024's {@code Promise.withResolvers()}. */
  public static final class Resolvers<T> {
    private final Promise<T> promise;

    private Resolvers(Promise<T> promise) {
      this.promise = promise;
    }

    public Promise<T> promise() {
      return promise;
    }

    /** Fulfils the promise; ignored once settled. */
    public void resolve(T value) {
      promise.loop.checkInLoop();
      promise.resolveInternal(value);
    }

    /** Rejects the promise; ignored once settled. */
    public void reject(Throwable reason) {
      promise.loop.checkInLoop();
      promise.rejectInternal(Objects.requireNonNull(reason, "reason"));
    }
  }

  /** The executor of {@link #create}: {@code new Promise((resolve, reject) => ...)}. */
  @FunctionalInterface
  public interface Executor<T> {
    void run(Consumer<T> resolve, Consumer<Throwable> reject) throws Exception;
  }

  /** A pending promise on {@code loop} with its resolve and reject functions. */
  public static <T> Resolvers<T> withResolvers(EventLoop loop) {
    loop.checkInLoop();
    return new Resolvers<>(new Promise<>(loop));
  }

  /** {@code new Promise(executor)}: the executor runs synchronously; a throw rejects. */
  public static <T> Promise<T> create(EventLoop loop, Executor<T> executor) {
    loop.checkInLoop();
    Promise<T> p = new Promise<>(loop);
    try {
      executor.run(p::resolveInternal, e -> p.rejectInternal(Objects.requireNonNull(e, "reason")));
    } catch (Throwable t) {
      p.rejectInternal(t);
    }
    return p;
  }

  /** {@code Promise.resolve(value)}. */
  public static <T> Promise<T> resolved(EventLoop loop, T value) {
    loop.checkInLoop();
    Promise<T> p = new Promise<>(loop);
    p.resolveInternal(value);
    return p;
  }

  /** {@code Promise.reject(reason)}. */
  public static <T> Promise<T> rejected(EventLoop loop, Throwable reason) {
    loop.checkInLoop();
    Promise<T> p = new Promise<>(loop);
    p.rejectInternal(Objects.requireNonNull(reason, "reason"));
    return p;
  }

  /**
   * A promise on {@code loop} that settles like {@code stage}. Unlike a bare JavaScript promise,
   * the pending stage counts as an active request: the loop stays alive until it completes.
   */
  public static <T> Promise<T> from(EventLoop loop, CompletionStage<? extends T> stage) {
    loop.checkInLoop();
    Promise<T> p = new Promise<>(loop);
    loop.beginRequest();
    stage.whenComplete((v, e) -> loop.post(() -> {
      loop.endRequest();
      if (e != null) {
        p.rejectInternal(unwrap(e));
      } else {
        p.resolveInternal(v);
      }
    }));
    return p;
  }

  // ---------------------------------------------------------------------------------------------
  // Combinators

  /** Fulfils with all values in order once all fulfil; rejects with the first rejection. */
  public static <T> Promise<List<T>> all(EventLoop loop, List<? extends Promise<? extends T>> promises) {
    return PromiseCombinators.all(loop, promises);
  }

  /** The outcome of one promise in {@link #allSettled}. */
  public record Settled<T>(boolean fulfilled, T value, Throwable reason) {
    public static <T> Settled<T> fulfilled(T value) {
      return new Settled<>(true, value, null);
    }

    public static <T> Settled<T> rejected(Throwable reason) {
      return new Settled<>(false, null, reason);
    }
  }

  /** Fulfils with every outcome, in order, once all have settled; never rejects. */
  public static <T> Promise<List<Settled<T>>> allSettled(EventLoop loop,
      List<? extends Promise<? extends T>> promises) {
    return PromiseCombinators.allSettled(loop, promises);
  }

  /** Settles like the first promise to settle. An empty list stays pending forever, as in JS. */
  public static <T> Promise<T> race(EventLoop loop, List<? extends Promise<? extends T>> promises) {
    return PromiseCombinators.race(loop, promises);
  }

  /**
   * Fulfils like the first promise to fulfil; rejects with an {@link AggregateException} of all
   * reasons, in order, when all reject (immediately for an empty list).
   */
  public static <T> Promise<T> any(EventLoop loop, List<? extends Promise<? extends T>> promises) {
    return PromiseCombinators.any(loop, promises);
  }

  // ---------------------------------------------------------------------------------------------
  // Continuations

  /** {@code then(v => fn(v))} where {@code fn} returns a value; a throw rejects the result. */
  public final <R> Promise<R> map(Function<? super T, ? extends R> fn) {
    Objects.requireNonNull(fn, "fn");
    return chain(new Derived.Map<>(loop, fn));
  }

  /** {@code then(v => fn(v))} where {@code fn} returns a promise, which the result adopts. */
  public final <R> Promise<R> flatMap(Function<? super T, ? extends Promise<? extends R>> fn) {
    Objects.requireNonNull(fn, "fn");
    return chain(new Derived.Flat<>(loop, fn));
  }

  /** {@code then(onFulfilled, onRejected)}: both return values. */
  public final <R> Promise<R> then(Function<? super T, ? extends R> onFulfilled,
      Function<? super Throwable, ? extends R> onRejected) {
    Objects.requireNonNull(onFulfilled, "onFulfilled");
    Objects.requireNonNull(onRejected, "onRejected");
    return chain(new Derived.Then<>(loop, new Object[] {onFulfilled, onRejected}));
  }

  /** {@code then(v => { action(v) })}. */
  public final Promise<Void> thenAccept(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    return chain(new Derived.Accept(loop, action));
  }

  /** {@code catch(e => fn(e))}: recovers a rejection with a value. */
  public final Promise<T> catchError(Function<? super Throwable, ? extends T> fn) {
    Objects.requireNonNull(fn, "fn");
    return chain(new Derived.Catch<>(loop, fn));
  }

  /**
   * {@code finally(action)}: runs {@code action} on either outcome and passes the outcome on; if
   * {@code action} throws, the result rejects with that instead.
   */
  public final Promise<T> doFinally(Runnable action) {
    Objects.requireNonNull(action, "action");
    return chain(new Derived.Finally<>(loop, action));
  }

  /** Observes the outcome without creating a derived promise; marks a rejection handled. */
  public final void onSettled(BiConsumer<? super T, ? super Throwable> callback) {
    loop.checkInLoop();
    addReaction(new PromiseReaction(null, Objects.requireNonNull(callback)));
  }

  private <R> Promise<R> chain(Derived<R> derived) {
    loop.checkInLoop();
    addReaction(derived);
    return derived;
  }

  private void addReaction(JobQueue.Job r) {
    Object rs = reactions;
    if (rs instanceof State) {
      if (rs == State.REJECTED) {
        reactions = State.REJECTED_HANDLED;
      }
      loop.enqueueJob(r, jobArgument());
    } else if (rs == null) {
      reactions = r;
    } else if (rs instanceof JobQueue.Job) {
      List<JobQueue.Job> list = new ArrayList<>(4);
      list.add((JobQueue.Job) rs);
      list.add(r);
      reactions = list;
    } else {
      @SuppressWarnings("unchecked") List<JobQueue.Job> list = (List<JobQueue.Job>) rs;
      list.add(r);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Settling (loop thread only)

  void resolveInternal(T value) {
    settle(State.FULFILLED, value);
  }

  void rejectInternal(Throwable reason) {
    if (settle(State.REJECTED, reason) && reactions == State.REJECTED) {
      loop.trackRejection(this);
    }
  }

  private boolean settle(State newState, Object value) {
    Object rs = reactions;
    if (rs instanceof State) {
      return false;
    }
    result = value;
    if (rs == null) {
      reactions = newState;
      return true;
    }
    reactions = newState == State.REJECTED ? State.REJECTED_HANDLED : newState;
    Object arg = jobArgument();
    if (rs instanceof JobQueue.Job) {
      loop.enqueueJob((JobQueue.Job) rs, arg);
    } else {
      @SuppressWarnings("unchecked") List<JobQueue.Job> list = (List<JobQueue.Job>) rs;
      for (JobQueue.Job r : list) {
        loop.enqueueJob(r, arg);
      }
    }
    return true;
  }

  /** Settles this promise like {@code other} (the resolution procedure for a returned promise). */
  @SuppressWarnings("unchecked")
  void adopt(Promise<?> other) {
    if (other == null) {
      resolveInternal(null);
    } else if (other == this) {
      rejectInternal(new IllegalStateException("Chaining cycle detected for promise"));
    } else if (other.loop == loop) {
      other.addReaction(new PromiseReaction(this, null));
    } else {
      loop.beginRequest();
      other.loop.execute(() -> other.onSettled((v, e) -> loop.post(() -> {
        loop.endRequest();
        if (e != null) {
          rejectInternal(e);
        } else {
          resolveInternal((T) v);
        }
      })));
    }
  }

  /** For {@link Derived}: while pending, the result slot holds the continuation. */
  final void setContinuation(Object fn) {
    result = fn;
  }

  /** For {@link Derived}: the continuation held in the result slot while pending. */
  final Object continuation() {
    return result;
  }

  /**
   * What a job reacting to this settled promise is queued with: the fulfilled value itself when
   * that can be told apart from a promise (not null, not a promise), else this promise. Queuing
   * the value rather than the promise lets a promise that is only created to be continued
   * ({@code Promise.resolved(loop, v).map(...)}) stay out of the heap: nothing refers to it once
   * the continuation is queued, so the JIT's escape analysis can do without it. Decoded by
   * {@link #fulfilledWith} and {@link #outcomeOf}.
   */
  final Object jobArgument() {
    Object v = result;
    return reactions == State.FULFILLED && v != null && !(v instanceof Promise) ? v : this;
  }

  /** For jobs: whether the settled promise their argument stands for fulfilled. */
  static boolean fulfilledWith(Object jobArgument) {
    return !(jobArgument instanceof Promise<?> p) || p.fulfilled();
  }

  /** For jobs: the value or reason of the settled promise their argument stands for. */
  static Object outcomeOf(Object jobArgument) {
    return jobArgument instanceof Promise<?> p ? p.outcome() : jobArgument;
  }

  /** For jobs reacting to this settled promise: whether it fulfilled. */
  final boolean fulfilled() {
    return reactions == State.FULFILLED;
  }

  /** For jobs reacting to this settled promise: its value or its reason. */
  final Object outcome() {
    return result;
  }

  boolean isHandled() {
    return reactions != State.REJECTED;
  }

  Throwable rejectionReason() {
    return isRejectedState() ? (Throwable) result : null;
  }

  private boolean isRejectedState() {
    return reactions == State.REJECTED || reactions == State.REJECTED_HANDLED;
  }

  // ---------------------------------------------------------------------------------------------
  // State and bridges

  public final boolean isPending() {
    loop.checkInLoop();
    return !(reactions instanceof State);
  }

  public final boolean isFulfilled() {
    loop.checkInLoop();
    return reactions == State.FULFILLED;
  }

  public final boolean isRejected() {
    loop.checkInLoop();
    return isRejectedState();
  }

  /** The owning loop. */
  public final EventLoop loop() {
    return loop;
  }

  /**
   * A future completed (on the loop thread) with this promise's outcome. Thread-safe: from another
   * thread the continuation is attached through {@link EventLoop#execute}. If the loop terminates
   * before the promise settles (or already has), the future fails with an {@link
   * IllegalStateException}: a thread in {@link #await()} never waits for ever.
   */
  public final CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> f = new CompletableFuture<>();
    // A loop that terminates first can never settle this promise: the future fails instead.
    Runnable failOnExit = () -> f.completeExceptionally(new IllegalStateException(
        "loop " + loop.name() + " terminated before the promise settled"));
    Runnable attach = () -> {
      if (!loop.onTerminate(failOnExit)) {
        failOnExit.run();
        return;
      }
      onSettled((v, e) -> {
        loop.removeOnTerminate(failOnExit);
        if (e != null) {
          f.completeExceptionally(e);
        } else {
          f.complete(v);
        }
      });
    };
    if (loop.inLoop()) {
      attach.run();
    } else if (!loop.post(attach)) {
      f.completeExceptionally(new IllegalStateException(
          "loop " + loop.name() + " has terminated: the promise can no longer be observed"));
    }
    return f;
  }

  /**
   * Blocks the calling thread until the promise settles and returns its value. A rejection is
   * rethrown: unchecked reasons as they are, checked ones in a {@link CompletionException}.
   *
   * @throws IllegalStateException on the loop thread, which must never block
   */
  public final T await() {
    return awaitInternal(null);
  }

  /** {@link #await()} with a limit; a {@link CompletionException} of a TimeoutException after it. */
  public final T await(Duration timeout) {
    return awaitInternal(Objects.requireNonNull(timeout, "timeout"));
  }

  private T awaitInternal(Duration timeout) {
    if (loop.inLoop()) {
      throw new IllegalStateException("await() called on the thread of loop " + loop.name()
          + ": it would block the loop forever; use map/flatMap instead");
    }
    CompletableFuture<T> f = toCompletableFuture();
    try {
      return timeout == null ? f.get() : f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        cause.addSuppressed(new Exception("await() rejected here"));
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new CompletionException(cause);
    } catch (TimeoutException e) {
      throw new CompletionException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  @Override
  public final String toString() {
    Object rs = reactions;
    return "Promise[" + (!(rs instanceof State) ? "pending" : rs == State.FULFILLED ? "fulfilled"
        : "rejected") + "]";
  }

  /**
   * A promise made by a continuation ({@code map}, {@code flatMap}, {@code then},
   * {@code thenAccept}, {@code catchError}, {@code doFinally}) and, at the same time, the promise
   * job that runs the continuation and settles it: one object per chain step instead of a promise
   * plus a reaction. The job queue hands it the source's outcome when it runs ({@link
   * #jobArgument}), and its
   * {@code result} slot, unused until it settles, holds the continuation: no field beyond a plain
   * promise's, so the object stays at 24 bytes. The kind of continuation is the subclass. Settling
   * overwrites the continuation, so a long chain held by its last promise keeps nothing earlier
   * alive.
   */
  private abstract static class Derived<T> extends Promise<T> implements JobQueue.Job {
    /** What {@link #apply} returns to pass the source's outcome on unchanged. */
    static final Object PASS = new Object();

    Derived(EventLoop loop, Object fn) {
      super(loop);
      setContinuation(fn);
    }

    /** Runs the continuation for the source's outcome; {@link #PASS} passes the outcome on. */
    abstract Object apply(boolean ok, Object value, Object fn) throws Throwable;

    /** Settles with what the continuation returned (a flatMap adopts it). */
    void settleWith(Object r) {
      ((Promise<Object>) (Promise<?>) this).resolveInternal(r);
    }

    @Override
    public final void run(Object arg) {
      boolean ok = fulfilledWith(arg);
      Object value = outcomeOf(arg);
      Object r;
      try {
        r = apply(ok, value, continuation());
      } catch (Throwable t) {
        rejectInternal(t);
        return;
      }
      if (r != PASS) {
        settleWith(r);
      } else if (ok) {
        ((Promise<Object>) (Promise<?>) this).resolveInternal(value);
      } else {
        rejectInternal((Throwable) value);
      }
    }

    static class Map<T> extends Derived<T> {
      Map(EventLoop loop, Object fn) {
        super(loop, fn);
      }

      @Override
      @SuppressWarnings("unchecked")
      Object apply(boolean ok, Object value, Object fn) {
        return ok ? ((Function<Object, Object>) fn).apply(value) : PASS;
      }
    }

    /** A map whose result is a promise to adopt. */
    static final class Flat<T> extends Map<T> {
      Flat(EventLoop loop, Object fn) {
        super(loop, fn);
      }

      @Override
      void settleWith(Object r) {
        setContinuation(null);
        adopt((Promise<?>) r);
      }
    }

    static final class Accept extends Derived<Void> {
      Accept(EventLoop loop, Object fn) {
        super(loop, fn);
      }

      @Override
      @SuppressWarnings("unchecked")
      Object apply(boolean ok, Object value, Object fn) {
        if (!ok) {
          return PASS;
        }
        ((Consumer<Object>) fn).accept(value);
        return null;
      }
    }

    static final class Catch<T> extends Derived<T> {
      Catch(EventLoop loop, Object fn) {
        super(loop, fn);
      }

      @Override
      @SuppressWarnings("unchecked")
      Object apply(boolean ok, Object value, Object fn) {
        return ok ? PASS : ((Function<Throwable, Object>) fn).apply((Throwable) value);
      }
    }

    static final class Then<T> extends Derived<T> {
      Then(EventLoop loop, Object[] fns) {
        super(loop, fns);
      }

      @Override
      @SuppressWarnings("unchecked")
      Object apply(boolean ok, Object value, Object fn) {
        return ((Function<Object, Object>) ((Object[]) fn)[ok ? 0 : 1]).apply(value);
      }
    }

    static final class Finally<T> extends Derived<T> {
      Finally(EventLoop loop, Object fn) {
        super(loop, fn);
      }

      @Override
      Object apply(boolean ok, Object value, Object fn) {
        ((Runnable) fn).run(); // finally passes the outcome on
        return PASS;
      }
    }
  }
}
