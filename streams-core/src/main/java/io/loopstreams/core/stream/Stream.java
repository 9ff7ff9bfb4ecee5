package io.loopstreams.core.stream;

import io.loopstreams.core.AbortException;
import io.loopstreams.core.AggregateException;
import io.loopstreams.core.Callback;
import io.loopstreams.core.Event;
import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every stream shares: its loop, its lifecycle and its one destroy path (Node's {@code
 * destroy.js}), its counters. {@link Readable}, {@link Writable}, {@link Duplex} and {@link
 * Transform} build on it.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   CONSTRUCTING ─(doConstruct calls back)→ CONSTRUCTED ─(destroy)→ DESTROYED ─(doDestroy calls back)→ CLOSED
 *                                                  ─ nextTick → [ERROR] → CLOSE (CLOSE_EMITTED)
 *   any ─(destroy(err) / errorOrDestroy)→ DESTROYED; destroy while CONSTRUCTING waits for the construct callback
 * </pre>
 * The first error wins; {@code ERROR} is emitted at most once and always before {@code CLOSE};
 * nothing is emitted after {@code CLOSE}. Streams never emit {@code ERROR} themselves: every
 * failure goes through {@link #destroy(Throwable)} or {@code errorOrDestroy}.
 *
 * <p>Loop-confined: public methods fail fast on another thread.
 */
public abstract class Stream extends EventEmitter {

  /** Emitted once, last, after the stream was destroyed and its resources released. */
  public static final Event<Void> CLOSE = Event.of("close");
  /** A chunk delivered to a consumer (typed access: {@link Readable#onData}). */
  public static final Event<Object> DATA = Event.of("data");
  /** The readable side delivered its last chunk. */
  public static final Event<Void> END = Event.of("end");
  /** Data (or the end) can be read with {@link Readable#read()}. */
  public static final Event<Void> READABLE = Event.of("readable");
  public static final Event<Void> PAUSE = Event.of("pause");
  public static final Event<Void> RESUME = Event.of("resume");
  /** The writable side's buffer went from full to empty: writing may continue. */
  public static final Event<Void> DRAIN = Event.of("drain");
  /** The writable side has flushed everything after {@code end()}. */
  public static final Event<Void> FINISH = Event.of("finish");
  public static final Event<Void> PREFINISH = Event.of("prefinish");
  /** Emitted on a destination when a source is piped into it. */
  public static final Event<Readable<?>> PIPE = Event.of("pipe");
  /** Emitted on a destination when a source is unpiped from it. */
  public static final Event<Readable<?>> UNPIPE = Event.of("unpipe");

  // Lifecycle bits, shared by both sides of a duplex.
  static final int CONSTRUCTED = 1;
  static final int DESTROYED = 1 << 1;
  static final int CLOSED = 1 << 2;
  static final int CLOSE_EMITTED = 1 << 3;
  static final int ERROR_EMITTED = 1 << 4;
  static final int AUTO_DESTROY = 1 << 5;
  static final int EMIT_CLOSE = 1 << 6;
  static final int CONSTRUCT_CALLED = 1 << 7;

  private static final ClassValue<Boolean> HAS_CONSTRUCT = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return overrides(type, Stream.class, "doConstruct", Callback.class);
    }
  };

  private static final ClassValue<Boolean> HAS_DISCARD = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return overrides(type, Stream.class, "doDiscard", Object.class);
    }
  };

  // immutable
  final EventLoop loop;
  final String name;

  // loop thread only
  int life;
  /** The stream's error; written only by {@link #recordError}. */
  private Throwable errored;
  /** The destroy that waits for construction to finish, or null. */
  private Callback destroyAfterConstruct;
  final StreamStats stats = new StreamStats();

  Stream(EventLoop loop, StreamOptions options) {
    this.loop = Objects.requireNonNull(loop, "loop");
    loop.checkInLoop();
    this.name = options.name != null ? options.name : defaultName();
    life = CONSTRUCTED | (options.autoDestroy ? AUTO_DESTROY : 0) | (options.emitClose ? EMIT_CLOSE : 0);
    if (HAS_CONSTRUCT.get(getClass())) {
      life &= ~CONSTRUCTED;
      loop.nextTick(this::construct);
    }
    if (options.signal != null) {
      if (options.signal.aborted()) {
        // Node destroys at once, inside the constructor. Here a subclass's fields are not
        // assigned yet, so the stream is destroyed now (destroyed() is true, writes fail) and
        // its destroy hooks run on the next tick.
        Throwable e = abortError(options.signal.reason());
        recordError(e);
        life |= DESTROYED;
        loop.nextTick(() -> runDestroyHooks(e, null, true));
      } else {
        options.signal.whenAborted(reason -> destroy(abortError(reason)));
      }
    }
  }

  private static Throwable abortError(Throwable reason) {
    return reason instanceof AbortException ? reason : new AbortException(reason);
  }

  static EventLoop currentLoop() {
    return EventLoop.current();
  }

  private String defaultName() {
    String simple = getClass().getSimpleName();
    return simple.isEmpty() ? getClass().getSuperclass().getSimpleName() : simple;
  }

  /**
   * One question {@link #overrides} answers about a class. Its equals and hashCode are written
   * out: a record's are bootstrapped through method handles on first use, which costs every
   * process that builds a stream tens of milliseconds of start-up CPU.
   */
  private record HookQuery(Class<?> base, String method, List<Class<?>> params) {
    @Override
    public boolean equals(Object o) {
      return o instanceof HookQuery q && q.base == base && q.method.equals(method)
          && q.params.equals(params);
    }

    @Override
    public int hashCode() {
      return (base.hashCode() * 31 + method.hashCode()) * 31 + params.hashCode();
    }
  }

  /**
   * The answers of {@link #overrides}, per class: every stream asks a few when it is built (and
   * a readable again when its DATA listeners change), and each "no" found by reflection costs a
   * thrown NoSuchMethodException per class of the hierarchy, which a server accepting thousands
   * of connections would pay for every one of them.
   */
  private static final ClassValue<Map<HookQuery, Boolean>> OVERRIDES = new ClassValue<>() {
    @Override
    protected Map<HookQuery, Boolean> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  /** Whether {@code type} (below {@code base}) declares its own {@code method}. */
  static boolean overrides(Class<?> type, Class<?> base, String method, Class<?>... params) {
    return OVERRIDES.get(type).computeIfAbsent(new HookQuery(base, method, List.of(params)),
        q -> declares(type, base, method, params));
  }

  private static boolean declares(Class<?> type, Class<?> base, String method, Class<?>... params) {
    for (Class<?> k = type; k != null && k != base; k = k.getSuperclass()) {
      try {
        k.getDeclaredMethod(method, params);
        return true;
      } catch (NoSuchMethodException e) {
        // keep looking up the hierarchy
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks

  /**
   * Acquires resources before any read or write (Node's {@code _construct}); called on the
   * next tick after creation, only if overridden. Reads and writes wait for the callback.
   */
  protected void doConstruct(Callback callback) {
    callback.done(null);
  }

  /**
   * Releases resources (Node's {@code _destroy}). Call back with the error to emit (normally
   * {@code error}); calling back with null swallows it.
   */
  protected void doDestroy(Throwable error, Callback callback) {
    callback.done(error);
  }

  /**
   * Releases one chunk that a destroyed stream drops: unread in its readable buffer, or written
   * but never handed to {@code doWrite}. Override it when chunks hold pooled memory (a Netty
   * {@code ByteBuf}): a write hands ownership of its chunk to the stream, and a push keeps it
   * until the chunk is read. Runs on the loop once {@code doDestroy} has called back; streams
   * that do not override it keep their buffers as Node does.
   */
  protected void doDiscard(Object chunk) {
  }

  /** Whether this stream's class overrides {@link #doDiscard}. */
  final boolean discards() {
    return HAS_DISCARD.get(getClass());
  }

  /** Side hooks: hands every chunk still buffered to {@link #doDiscard} (after doDestroy). */
  void discardBuffered() {
  }

  /** The one writer of the error state: the first error sticks (Node's {@code errored}). */
  final void recordError(Throwable error) {
    if (error != null && errored == null) {
      errored = error;
    }
  }

  /** Side hooks: called once construction succeeded. */
  abstract void afterConstruct();

  /** Side hooks: called synchronously as destroy starts. */
  abstract void onDestroyStarted();

  // ---------------------------------------------------------------------------------------------
  // Destroy: the one lifecycle path

  /** Destroys the stream without an error: {@code CLOSE} follows on the next tick. */
  public Stream destroy() {
    return destroy(null, null);
  }

  /** Destroys the stream: {@code ERROR(error)} then {@code CLOSE}, each once, on the next tick. */
  public Stream destroy(Throwable error) {
    return destroy(error, null);
  }

  /** {@link #destroy(Throwable)} and calls {@code callback} when {@code doDestroy} finished. */
  public Stream destroy(Throwable error, Callback callback) {
    loop.checkInLoop(this);
    if ((life & DESTROYED) != 0) {
      if (callback != null) {
        callback.done(null);
      }
      return this;
    }
    recordError(error);
    life |= DESTROYED;
    runDestroyHooks(error, callback, false);
    return this;
  }

  /**
   * The sides' reaction, then doDestroy: at once, or once construction has finished. {@code
   * deferred}: this already runs a tick late (an aborted signal given to the constructor), so
   * ERROR/CLOSE of a synchronous doDestroy are emitted here, where Node's next tick would be.
   */
  private void runDestroyHooks(Throwable error, Callback callback, boolean deferred) {
    onDestroyStarted();
    if ((life & CONSTRUCTED) == 0) {
      destroyAfterConstruct = constructError -> runDestroy(aggregate(constructError, error), callback, false);
    } else {
      runDestroy(error, callback, deferred);
    }
  }

  /**
   * Node's {@code aggregateTwoErrors(inner, outer)}: a construct error and a destroy error
   * together become one {@link AggregateException} carrying the destroy error's message.
   */
  private static Throwable aggregate(Throwable inner, Throwable outer) {
    if (inner != null && outer != null && inner != outer) {
      return new AggregateException(outer.getMessage(), List.of(outer, inner));
    }
    return inner != null ? inner : outer;
  }

  private void runDestroy(Throwable error, Callback callback, boolean deferred) {
    boolean[] called = {false};
    boolean[] inHook = {true};
    Callback onDestroyed = e -> {
      if (called[0]) {
        return;
      }
      called[0] = true;
      recordError(e);
      life |= CLOSED;
      if (discards()) {
        discardBuffered();
      }
      if (callback != null) {
        callback.done(e);
      }
      Runnable emit = e != null ? () -> {
        emitErrorOnce(e);
        emitCloseOnce();
      } : this::emitCloseOnce;
      if (deferred && inHook[0]) {
        emit.run();
      } else {
        loop.nextTick(emit);
      }
    };
    try {
      doDestroy(error, onDestroyed);
    } catch (Throwable t) {
      onDestroyed.done(t);
    }
    inHook[0] = false;
  }

  private void emitErrorOnce(Throwable e) {
    if ((life & ERROR_EMITTED) != 0) {
      return;
    }
    life |= ERROR_EMITTED;
    emit(ERROR, e);
  }

  private void emitCloseOnce() {
    life |= CLOSE_EMITTED;
    if ((life & EMIT_CLOSE) != 0) {
      emit(CLOSE);
    }
  }

  /**
   * Node's {@code errorOrDestroy}: the path for internal failures (a throwing hook, a write after
   * end). With autoDestroy it destroys; otherwise it records the error and emits ERROR.
   */
  void errorOrDestroy(Throwable error, boolean sync) {
    if ((life & DESTROYED) != 0) {
      return;
    }
    if ((life & AUTO_DESTROY) != 0) {
      destroy(error);
    } else if (error != null) {
      recordError(error);
      if (sync) {
        loop.nextTick(() -> emitErrorOnce(error));
      } else {
        emitErrorOnce(error);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Construction

  private void construct() {
    Callback cb = e -> loop.nextTick(() -> onConstructed(e));
    try {
      doConstruct(cb);
    } catch (Throwable t) {
      loop.nextTick(() -> onConstructed(t));
    }
  }

  private void onConstructed(Throwable error) {
    if ((life & CONSTRUCT_CALLED) != 0) {
      errorOrDestroy(error != null ? error : StreamException.multipleCallback(), false);
      return;
    }
    life |= CONSTRUCT_CALLED | CONSTRUCTED;
    if ((life & DESTROYED) != 0) {
      Callback pending = destroyAfterConstruct;
      destroyAfterConstruct = null;
      if (pending != null) {
        pending.done(error);
      }
    } else if (error != null) {
      errorOrDestroy(error, true);
    } else {
      afterConstruct();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // State

  /** Whether {@code destroy} was called (or an error destroyed the stream). */
  public final boolean destroyed() {
    return (life & DESTROYED) != 0;
  }

  /** Constructed, not destroyed, not errored: one test for the per-chunk paths. */
  final boolean open() {
    return (life & (CONSTRUCTED | DESTROYED)) == CONSTRUCTED && errored == null;
  }

  /** Whether {@code doDestroy} has completed. */
  public final boolean closed() {
    return (life & CLOSED) != 0;
  }

  /** The error that destroyed the stream, or null. */
  public final Throwable errored() {
    return errored;
  }

  public final EventLoop loop() {
    return loop;
  }

  public final String name() {
    return name;
  }

  boolean autoDestroy() {
    return (life & AUTO_DESTROY) != 0;
  }

  boolean willEmitClose() {
    return (life & (AUTO_DESTROY | EMIT_CLOSE)) == (AUTO_DESTROY | EMIT_CLOSE) && (life & CLOSED) == 0;
  }

  boolean errorEmitted() {
    return (life & ERROR_EMITTED) != 0;
  }

  boolean closeEmitted() {
    return (life & CLOSE_EMITTED) != 0;
  }

  boolean constructed() {
    return (life & CONSTRUCTED) != 0;
  }

  /** Whether this stream has a readable side (a Readable, or a Duplex not created readable:false). */
  abstract boolean hasReadableSide();

  /** Whether this stream has a writable side. */
  abstract boolean hasWritableSide();

  /** Node's {@code isReadableFinished(s, false)}: END emitted, or EOF pushed and drained. */
  boolean readableFinishedLoose() {
    return false;
  }

  /** The writable side's state, or null for a stream without one (a Readable). */
  WritableState<?> writableSide() {
    return null;
  }

  /** Node's {@code isWritableFinished(s, false)}: FINISH emitted, or ended with nothing left. */
  final boolean writableFinishedLoose() {
    WritableState<?> w = writableSide();
    return w != null && w.finishedOrFlushed();
  }

  /** Node's {@code isReadable(s)}: a readable side that can still deliver. */
  boolean readableAlive() {
    return false;
  }

  /** Node's {@code isWritable(s)}: a writable side that still accepts writes. */
  final boolean writableAlive() {
    WritableState<?> w = writableSide();
    return w != null && w.isWritable();
  }

  /** Node's {@code _writableState.pendingcb}: write/final callbacks still to come (0 if none). */
  final int writablePendingCallbacks() {
    WritableState<?> w = writableSide();
    return w == null ? 0 : w.pendingCallbacks();
  }

  /** The writable side's state; only streams with a writable side (Writable, Duplex) have one. */
  @SuppressWarnings("unchecked")
  final <T> WritableState<T> writableState() {
    WritableState<?> w = writableSide();
    if (w == null) {
      throw new IllegalStateException(name + " has no writable side");
    }
    return (WritableState<T>) w;
  }

  /** For autoDestroy after FINISH: whether the readable side (if any) is done too. */
  boolean readableSideDone() {
    return true;
  }

  /** The counters and state of this stream right now: "where is my pipeline stuck?". */
  public abstract StreamSnapshot snapshot();

  String lifeFlags() {
    StringBuilder b = new StringBuilder();
    if ((life & CONSTRUCTED) == 0) {
      b.append("CONSTRUCTING ");
    }
    if ((life & DESTROYED) != 0) {
      b.append("DESTROYED ");
    }
    if ((life & CLOSED) != 0) {
      b.append("CLOSED ");
    }
    if (errored != null) {
      b.append("ERRORED ");
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return name + "[" + snapshot().state() + "]";
  }
}
