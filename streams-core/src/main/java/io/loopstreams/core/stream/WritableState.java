package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.buffer.ChunkLedger;
import io.loopstreams.core.internal.LoopAccess;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The writable side of a stream: buffer, cork, drain, end/final/finish. One instance per {@link
 * Writable} or {@link Duplex}; the owner forwards the hooks. Follows {@code
 * lib/internal/streams/writable.js}.
 *
 * <h2>State</h2>
 * <pre>
 *   OPEN ─end()→ ENDING ─(buffer empty, no write in flight)→ doFinal → PREFINISHED ─nextTick→ FINISHED
 *   write: idle → WRITING (one doWrite/doWritev in flight; later writes are buffered) → idle
 *   NEED_DRAIN: set when write() returns false; DRAIN is emitted once, when the buffer empties
 * </pre>
 * {@code pendingcb} counts write callbacks not yet delivered plus a pending final/finish:
 * FINISH waits for it to reach zero. Write callbacks of writes completed synchronously are
 * deferred to the next tick (batched when they are the same callback), as in Node.
 *
 * The bits of {@code ws}, each with what sets and clears it: {@link WritableFlags}.
 *
 * <p>Two cases have short paths that do what the general one does for them, minus its checks:
 * a write to an idle side ({@code writeIdle}) and a callback-less write completed synchronously
 * (the head of {@code onWrite}). They change no state of their own: the moment a write is
 * buffered, late, corked, ending or failing, the general path runs.
 *
 * @param <T> chunk type
 */
final class WritableState<T> extends WritableFlags {

  private static final LoopAccess LOOP = LoopAccess.get();

  private static final Callback NOOP = e -> { };

  /**
   * Deferred callbacks of synchronously completed writes, batched per callback. Once run, the
   * object is kept as {@code spareTick} for the next batch: one allocation per stream, not per
   * write.
   */
  private final class AfterWriteTick implements Runnable {
    Callback callback;
    int count;

    @Override
    public void run() {
      int n = count;
      Callback cb = callback;
      callback = null;
      afterWriteTick = null;
      spareTick = this;
      afterWrite(n, cb);
    }
  }

  // immutable
  private final StreamStats stats;
  private final QueuingStrategy strategy;
  private final BiConsumer<T, Callback> write;
  private final BiConsumer<List<T>, Callback> writev;
  private final Consumer<Callback> fin;
  final EventLoop loop;
  final boolean objectMode;
  final long hwm;
  private final boolean hasWritev;
  /** Whether the owner overrides doFinal: without one, PREFINISH is emitted right away (Node). */
  private final boolean hasFinal;
  private final boolean countsOutput;
  private final Callback onWrite = this::onWrite;

  // loop thread only
  private long writelen;
  /**
   * The callback of the write in flight (meaningful while WRITING). Left at NOOP between writes
   * rather than cleared: a callback-less write then stores no reference (each costs a GC barrier
   * on the per-chunk path).
   */
  private Callback writecb = NOOP;
  private int pendingcb;
  /** The buffered writes, two elements each: the chunk, then its callback (no object per write). */
  private final ArrayDeque<Object> buffered = new ArrayDeque<>();
  private List<Callback> onFinished;
  private AfterWriteTick afterWriteTick;
  private AfterWriteTick spareTick;
  /** Where pooled chunks piped in are handed over (the owner's {@code adoptPooledChunks}), or null. */
  ChunkLedger adoptedChunks;
  /**
   * A {@link PassThrough}'s readable side, which passes adopted chunks on: they are worth
   * adopting only while it has an adopter of its own. Null for a stream that consumes them.
   */
  ReadableState<?> forwardsTo;

  /** {@code write}, {@code writev}, {@code fin}: the owner's doWrite, doWritev and doFinal. */
  WritableState(Stream owner, QueuingStrategy strategy, boolean writable,
      BiConsumer<T, Callback> write, BiConsumer<List<T>, Callback> writev, Consumer<Callback> fin) {
    super(owner);
    this.stats = owner.stats;
    this.strategy = strategy;
    this.write = write;
    this.writev = writev;
    this.fin = fin;
    this.loop = owner.loop;
    this.objectMode = !strategy.isBytes();
    this.hwm = strategy.highWaterMark();
    Class<?> base = owner instanceof Duplex ? Duplex.class : Writable.class;
    this.hasWritev = Stream.overrides(owner.getClass(), base, "doWritev", List.class, Callback.class);
    this.hasFinal = Stream.overrides(owner.getClass(), base, "doFinal", Callback.class);
    // A duplex counts what is read from it as its output (Readable), not what its hook takes.
    this.countsOutput = !(owner instanceof Readable) || !owner.hasReadableSide();
    if (!writable) {
      ws = WRITABLE_OFF | ENDING | END_RETURNED | FINISHED;
    }
  }

  /**
   * The owner's default {@code doWrite}: a lone chunk goes to {@code doWritev} as a one-element
   * list when the owner has one (Node's default {@code _write}).
   */
  void writeAsWritev(T chunk, Callback callback) {
    if (!hasWritev) {
      throw StreamException.methodNotImplemented("_write()");
    }
    writev.accept(List.of(chunk), callback);
  }

  /**
   * Whether a pooled chunk delivered to this side now would be adopted for good: the owner is
   * not destroyed and, if it passes chunks on, the chain behind it ends in a stream that
   * consumes them. A source asks before it reads into pooled memory, so that a consumer that
   * would share every block (a DATA listener behind a PassThrough) gets heap buffers instead.
   */
  boolean adoptsNow() {
    return !owner.destroyed() && (forwardsTo == null || forwardsTo.pooledChunksAdopted());
  }

  /** Whether the owner writes several buffered chunks in one call (has a doWritev). */
  boolean batches() {
    return hasWritev;
  }

  private long size(Object chunk) {
    return strategy.size(chunk);
  }

  // ---------------------------------------------------------------------------------------------
  // write

  boolean write(T chunk, Callback callback) {
    if (chunk == null) {
      throw StreamException.nullValues();
    }
    if ((ws & (ENDING | WRITING)) == 0 && corked == 0 && owner.open()) {
      return writeIdle(chunk, callback == null ? NOOP : callback);
    }
    Throwable err = rejectWrite();
    if (err != null) {
      failWrite(err, callback);
      return false;
    }
    return writeOrBuffer(chunk, callback == null ? NOOP : callback);
  }

  private Throwable rejectWrite() {
    if ((ws & ENDING) != 0) {
      return StreamException.writeAfterEnd();
    }
    if (owner.destroyed()) {
      return StreamException.destroyed("write");
    }
    return null;
  }

  private void failWrite(Throwable err, Callback callback) {
    if (callback != null) {
      loop.nextTick(() -> callback.done(err));
    }
    owner.errorOrDestroy(err, true);
  }

  /**
   * {@link #writeOrBuffer} on an idle side of a constructed, healthy stream: what that does
   * minus the checks the caller made. The per-chunk path of a synchronous pipeline.
   */
  private boolean writeIdle(T chunk, Callback callback) {
    pendingcb++;
    long len = objectMode ? 1 : size(chunk);
    stats.in(objectMode ? 0 : len);
    length += len;
    beginWrite(len, callback);
    boolean timed = stats.timesHook(objectMode);
    if (timed || LOOP.watched(loop)) {
      callHookObserved(chunk, null, callback, timed);
    } else {
      // callHook's untimed branch and invokeHook written out: two frames less per stage.
      try {
        write.accept(chunk, onWrite);
      } catch (Throwable t) {
        hookThrew(t, callback);
      }
    }
    ws &= ~IN_DO_WRITE;
    if (length < hwm || length == 0) {
      return owner.open();
    }
    ws |= NEED_DRAIN;
    stats.blocked(LOOP.cachedNanos(loop));
    return false;
  }

  private boolean writeOrBuffer(T chunk, Callback callback) {
    pendingcb++;
    long len = size(chunk);
    stats.in(objectMode ? 0 : len);
    length += len;
    if ((ws & WRITING) != 0 || corked > 0 || owner.errored() != null || !owner.constructed()) {
      buffered.addLast(chunk);
      buffered.addLast(callback);
    } else {
      startWrite(len, chunk, null, callback);
    }
    // As Node 20.20+ (writeOrBuffer): the mark is checked after the hook ran, so a chunk the sink
    // completed synchronously no longer counts, and an empty buffer always accepts more.
    boolean ret = length < hwm || length == 0;
    if (!ret) {
      ws |= NEED_DRAIN;
      stats.blocked(LOOP.cachedNanos(loop));
    }
    return ret && owner.errored() == null && !owner.destroyed();
  }

  /** Hands one chunk (or a batch) to the hook; a throwing hook fails the write. */
  private void startWrite(long len, T chunk, List<T> chunks, Callback callback) {
    beginWrite(len, callback);
    if (owner.destroyed()) {
      onWrite(StreamException.destroyed("write"));
    } else {
      callHook(chunk, chunks, callback);
    }
    ws &= ~IN_DO_WRITE;
  }

  /** The write in flight is this one: WRITING, and IN_DO_WRITE until the hook returns. */
  private void beginWrite(long len, Callback callback) {
    writelen = len;
    if (writecb != callback) {
      writecb = callback;
    }
    ws |= WRITING | IN_DO_WRITE;
    if (countsOutput) {
      stats.out(objectMode ? 0 : len);
    }
  }

  /** Calls doWrite (or doWritev) with the stage marked for the watchdog; a throw fails the write. */
  private void callHook(T chunk, List<T> chunks, Callback callback) {
    boolean timed = stats.timesHook(objectMode);
    if (timed || LOOP.watched(loop)) {
      callHookObserved(chunk, chunks, callback, timed);
    } else {
      invokeHook(chunk, chunks, callback);
    }
  }

  /**
   * One call in 1024 (64 for bytes) is timed; a watched loop marks every stage. The rest carry
   * nothing across the hook call, which the per-chunk path of a pipeline nests.
   */
  private void callHookObserved(T chunk, List<T> chunks, Callback callback, boolean timed) {
    long t0 = timed ? System.nanoTime() : 0;
    Object outer = LOOP.enterStage(loop, owner);
    invokeHook(chunk, chunks, callback);
    LOOP.exitStage(loop, outer);
    stats.hookEnd(t0, objectMode);
  }

  /** Calls doWrite (or doWritev); a hook that throws fails its write, or the stream. */
  private void invokeHook(T chunk, List<T> chunks, Callback callback) {
    try {
      if (chunks != null) {
        writev.accept(chunks, onWrite);
      } else {
        write.accept(chunk, onWrite);
      }
    } catch (Throwable t) {
      hookThrew(t, callback);
    }
  }

  /** A hook threw: its write fails if it is still in flight, else the stream does. */
  private void hookThrew(Throwable t, Callback callback) {
    if (writecb == callback && (ws & WRITING) != 0) {
      onWrite(t);
    } else {
      owner.errorOrDestroy(t, false);
    }
  }

  private void onWrite(Throwable error) {
    // The common case first, small enough to inline into the hook's caller: a callback-less
    // write completed synchronously with nothing buffered behind it, whose deferred tick (if it
    // needs one) is already queued. What the general path below would do then comes down to this.
    if (error == null && writecb == NOOP
        && (ws & (WRITING | IN_DO_WRITE | NEED_DRAIN | ENDING)) == (WRITING | IN_DO_WRITE)
        && ((ws & AFTER_WRITE_PENDING) != 0 || !objectMode) && buffered.isEmpty()) {
      ws &= ~WRITING;
      length -= writelen;
      pendingcb--;
      return;
    }
    onWriteSlow(error);
  }

  private void onWriteSlow(Throwable error) {
    boolean sync = (ws & IN_DO_WRITE) != 0;
    if ((ws & WRITING) == 0) {
      owner.errorOrDestroy(StreamException.multipleCallback(), false);
      return;
    }
    Callback cb = writecb;
    ws &= ~WRITING;
    if (cb != NOOP) {
      writecb = NOOP;
    }
    length -= writelen;
    writelen = 0;
    if (error != null) {
      owner.recordError(error);
      if (sync) {
        loop.nextTick(() -> onWriteError(error, cb));
      } else {
        onWriteError(error, cb);
      }
      return;
    }
    if (!buffered.isEmpty()) {
      clearBuffer();
    }
    if (sync) {
      // Node's needTick reads `state[kState] & kDestroyed !== 0`, which is `state[kState] & 1`:
      // the object-mode bit. So in object mode every synchronous write takes the afterWrite tick
      // (observable: FINISH comes a tick later), and "destroyed" is never consulted. Kept as is.
      boolean needTick = cb != NOOP || objectMode || ((ws & NEED_DRAIN) != 0 && length == 0);
      if (cb == NOOP && (!needTick || (ws & AFTER_WRITE_PENDING) != 0)) {
        // As in Node: a callback-less write that completed synchronously needs no tick of its
        // own, so FINISH is not held back behind one.
        pendingcb--;
        if ((ws & ENDING) != 0) {
          finishMaybe(true);
        }
      } else if (afterWriteTick != null && afterWriteTick.callback == cb) {
        afterWriteTick.count++;
      } else {
        ws |= AFTER_WRITE_PENDING;
        AfterWriteTick tick = spareTick != null ? spareTick : new AfterWriteTick();
        spareTick = null;
        tick.callback = cb;
        tick.count = 1;
        afterWriteTick = tick;
        loop.nextTick(tick);
      }
    } else {
      afterWrite(1, cb);
    }
  }

  private void onWriteError(Throwable error, Callback cb) {
    pendingcb--;
    cb.done(error);
    errorBuffer();
    owner.errorOrDestroy(error, false);
  }

  private void afterWrite(int count, Callback cb) {
    ws &= ~AFTER_WRITE_PENDING;
    if ((ws & (ENDING | NEED_DRAIN)) == NEED_DRAIN && !owner.destroyed() && length == 0) {
      ws &= ~NEED_DRAIN;
      stats.unblocked(LOOP.cachedNanos(loop));
      owner.emit(Stream.DRAIN);
    }
    while (count-- > 0) {
      pendingcb--;
      cb.done(null);
    }
    if (owner.destroyed()) {
      errorBuffer();
    }
    if ((ws & ENDING) != 0) {
      // As in Node 20: FINISH goes on a later tick, after what the write callbacks scheduled.
      finishMaybe(true);
    }
  }

  /** Writes what was buffered: one doWritev for several chunks when the owner has one. */
  @SuppressWarnings("unchecked")
  void clearBuffer() {
    if (corked > 0 || (ws & BUFFER_PROCESSING) != 0 || owner.destroyed() || !owner.constructed()) {
      return;
    }
    int n = buffered.size() >> 1;
    if (n == 0) {
      return;
    }
    ws |= BUFFER_PROCESSING;
    if (n > 1 && hasWritev) {
      pendingcb -= n - 1;
      List<T> chunks = new ArrayList<>(n);
      Callback[] callbacks = null; // made at the first write with a callback
      for (int i = 0; i < n; i++) {
        chunks.add((T) buffered.pollFirst());
        Callback cb = (Callback) buffered.pollFirst();
        if (cb != NOOP && callbacks == null) {
          callbacks = new Callback[n];
          Arrays.fill(callbacks, 0, i, NOOP);
        }
        if (callbacks != null) {
          callbacks[i] = cb;
        }
      }
      // Node's allNoop: callback-less writes (a pipe's) complete as one callback-less write.
      Callback[] all = callbacks;
      startWrite(length, null, chunks, all == null ? NOOP : err -> {
        for (Callback c : all) {
          c.done(err);
        }
      });
    } else {
      do {
        T chunk = (T) buffered.pollFirst();
        startWrite(size(chunk), chunk, null, (Callback) buffered.pollFirst());
      } while (!buffered.isEmpty() && (ws & WRITING) == 0);
    }
    ws &= ~BUFFER_PROCESSING;
  }

  /**
   * After doDestroy, for an owner that releases chunks: fails the buffered writes now, even
   * behind a write still in flight, so that their chunks are released with the stream.
   */
  void discardBuffered() {
    failBuffered();
  }

  private void failBuffered() {
    for (Object chunk; (chunk = buffered.pollFirst()) != null; ) {
      Callback cb = (Callback) buffered.pollFirst();
      length -= size(chunk);
      pendingcb--;
      if (owner.discards()) {
        owner.doDiscard(chunk);
      }
      cb.done(owner.errored() != null ? owner.errored() : StreamException.destroyed("write"));
    }
  }

  /** Fails every buffered write and pending end callback (after an error or destroy). */
  void errorBuffer() {
    if ((ws & WRITING) != 0) {
      return;
    }
    failBuffered();
    if (onFinished != null && !onFinished.isEmpty()) {
      List<Callback> fins = onFinished;
      onFinished = null;
      for (Callback c : fins) {
        c.done(owner.errored() != null ? owner.errored() : StreamException.destroyed("end"));
      }
    }
  }

  void cork() {
    corked++;
  }

  void uncork() {
    if (corked > 0) {
      corked--;
      if ((ws & WRITING) == 0) {
        clearBuffer();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // end, final, finish

  void end(T chunk, Callback callback) {
    Throwable err = null;
    if (chunk != null) {
      err = rejectWrite();
      if (err != null) {
        failWrite(err, null);
      } else {
        writeOrBuffer(chunk, NOOP);
      }
    }
    if (corked > 0) {
      corked = 1;
      uncork();
    }
    if (err == null) {
      if (owner.errored() == null && (ws & ENDING) == 0) {
        ws |= ENDING;
        finishMaybe(true);
        ws |= END_RETURNED;
      } else if ((ws & FINISHED) != 0) {
        err = StreamException.alreadyFinished("end");
      } else if (owner.destroyed()) {
        err = StreamException.destroyed("end");
      }
    }
    if (callback != null) {
      if (err != null || owner.errored() != null || (ws & FINISHED) != 0) {
        Throwable e = err != null ? err : owner.errored();
        loop.nextTick(() -> callback.done(e));
      } else {
        if (onFinished == null) {
          onFinished = new ArrayList<>(1);
        }
        onFinished.add(callback);
      }
    }
  }

  private boolean needFinish() {
    return (ws & (ENDING | FINISHED | WRITING)) == ENDING && !owner.destroyed()
        && owner.constructed() && length == 0 && owner.errored() == null && buffered.isEmpty()
        && !owner.errorEmitted() && !owner.closeEmitted();
  }

  private void prefinish() {
    if ((ws & (PREFINISHED | FINAL_CALLED)) == 0) {
      if (hasFinal && !owner.destroyed()) {
        ws |= FINAL_CALLED;
        runFinal();
      } else {
        ws |= FINAL_CALLED | PREFINISHED;
        owner.emit(Stream.PREFINISH);
      }
    }
  }

  private void runFinal() {
    boolean[] called = {false};
    Callback onFinal = err -> {
      if (called[0]) {
        owner.errorOrDestroy(err != null ? err : StreamException.multipleCallback(), false);
        return;
      }
      called[0] = true;
      pendingcb--;
      if (err != null) {
        failFinished(err);
        owner.errorOrDestroy(err, (ws & IN_DO_WRITE) != 0);
      } else if (needFinish()) {
        ws |= PREFINISHED;
        owner.emit(Stream.PREFINISH);
        pendingcb++;
        loop.nextTick(this::finish);
      }
    };
    ws |= IN_DO_WRITE;
    pendingcb++;
    try {
      fin.accept(onFinal);
    } catch (Throwable t) {
      onFinal.done(t);
    }
    ws &= ~IN_DO_WRITE;
  }

  private void failFinished(Throwable err) {
    if (onFinished != null) {
      List<Callback> fins = onFinished;
      onFinished = null;
      for (Callback c : fins) {
        c.done(err);
      }
    }
  }

  void finishMaybe(boolean sync) {
    if (!needFinish()) {
      return;
    }
    prefinish();
    if (pendingcb == 0) {
      if (sync) {
        pendingcb++;
        loop.nextTick(() -> {
          if (needFinish()) {
            finish();
          } else {
            pendingcb--;
          }
        });
      } else if (needFinish()) {
        pendingcb++;
        finish();
      }
    }
  }

  private void finish() {
    pendingcb--;
    ws |= FINISHED;
    if (onFinished != null) {
      List<Callback> fins = onFinished;
      onFinished = null;
      for (Callback c : fins) {
        c.done(null);
      }
    }
    owner.emit(Stream.FINISH);
    if (owner.autoDestroy() && owner.readableSideDone()) {
      owner.destroy();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // lifecycle hooks from the owner

  void afterConstruct() {
    if ((ws & WRITING) == 0) {
      clearBuffer();
    }
    finishMaybe(false);
  }

  void onDestroyStarted() {
    if (!buffered.isEmpty() || (onFinished != null && !onFinished.isEmpty())) {
      loop.nextTick(this::errorBuffer);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // queries

  /** Write callbacks not yet delivered plus a pending final/finish (Node's {@code pendingcb}). */
  int pendingCallbacks() {
    return pendingcb;
  }
}
