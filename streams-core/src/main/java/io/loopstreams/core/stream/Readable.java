package io.loopstreams.core.stream;

import io.loopstreams.core.Event;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Listener;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.internal.LoopAccess;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Node's {@code stream.Readable}: a source of chunks with a high-water-mark buffer, paused and
 * flowing modes, {@code pipe}, and the operators of {@code stream.md}.
 *
 * <p>Implement {@link #doRead(long)} and call {@link #push(Object)}; {@code push(null)} (or
 * {@link #pushEnd()}) ends the stream. {@code push} returns false once the buffer holds the
 * high-water mark: stop until {@code doRead} is called again.
 *
 * <h2>State</h2>
 * One int of bits ({@code rs}, in {@link ReadableState} with its table: every bit, what sets
 * and clears it, what it means); the transitions follow {@code lib/internal/streams/readable.js}:
 * <pre>
 *   flowing:  null ─on(DATA)/resume/pipe→ true ─pause/on(READABLE)→ false ─resume→ true
 *   reading:  doRead called ─push/pushEnd→ cleared (a push of an empty buffer too)
 *   ended:    pushEnd ─buffer drained by read()/flow→ END (nextTick) → autoDestroy → CLOSE
 * </pre>
 * {@code DATA} is emitted synchronously by {@code read()}; {@code READABLE} and {@code END} on
 * the next tick, coalesced.
 *
 *
 * <h2>Differences from Node</h2>
 * Chunks are typed: byte streams carry {@link ByteBuffer}s (no strings or encodings; decode with
 * a text transform), object streams any non-null {@code T}. A Java {@code null} passed to
 * {@code push} is the end of the stream. Events are {@link Event} keys: {@link #DATA}, {@link
 * #END}, ...
 *
 * @param <T> the chunk type
 */
public abstract class Readable<T> extends ReadableOperators<T> {

  private static final LoopAccess LOOP = LoopAccess.get();

  // The state (rs, the buffer, the mark) and the readable* getters: ReadableState. pipe,
  // the operators and Readable.from: ReadableOperators.
  /**
   * The pipe whose DATA listener is the only one, or null: then a chunk goes to it by a direct
   * call, which is what emitting DATA to one listener amounts to. Recomputed on every change of
   * the DATA listeners ({@link #updateDataPipe}), so a listener added by anyone else (or a second
   * pipe) switches back to the emission at once.
   */
  private Pipe<T> dataPipe;
  // The nextTick callbacks of the per-chunk paths, allocated once rather than per tick.
  private final Runnable emitReadableTask = this::emitReadableNow;
  private final Runnable readMoreTask = this::readMore;
  private final Runnable resumeTask = this::resumeNow;

  /** A readable on the current loop with the given options. */
  protected Readable(StreamOptions options) {
    this(currentLoop(), options);
  }

  /** A readable on {@code loop}. */
  protected Readable(EventLoop loop, StreamOptions options) {
    super(loop, options);
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks

  /**
   * Produce data: call {@link #push} until it returns false or the source is exhausted, now or
   * later. Not called again until a push (or {@code pushEnd}) arrives. Node's {@code _read}.
   *
   * @param size advisory: the high-water mark
   */
  protected void doRead(long size) {
    errorOrDestroy(StreamException.methodNotImplemented("_read()"), false);
  }

  // ---------------------------------------------------------------------------------------------
  // Producer side

  /**
   * Adds a chunk to the buffer (or hands it straight to a flowing consumer); {@code null} ends
   * the stream. Returns whether more may be pushed: false once the buffer reaches the mark.
   */
  public boolean push(T chunk) {
    loop.checkInLoop(this);
    Pipe<T> p = dataPipe;
    if (p != null && objectMode && chunk != null && length == 0 && pooled == null
        && (rs & (FLOWING | IN_DO_READ | EOF_PUSHED | READING_MORE)) == (FLOWING | READING_MORE)
        && !destroyed() && errored() == null) {
      // An object flowing straight into the one pipe with a refill already scheduled: what
      // addChunk and bufferChunk do then, one frame instead of three on the per-chunk path.
      rs = (rs & ~READING) | DATA_EMITTED;
      awaitDrain = 0;
      if (!hasWritableSide()) {
        stats.in(0);
      }
      stats.out(0);
      p.onData(chunk);
      return (rs & EOF_PUSHED) == 0 && (length < hwm || length == 0);
    }
    return addChunk(chunk, false);
  }

  /** Ends the stream: {@code push(null)}. */
  public void pushEnd() {
    push(null);
  }

  /** Puts a chunk back at the front of the buffer (a parser that read too far). */
  public boolean unshift(T chunk) {
    loop.checkInLoop(this);
    return addChunk(chunk, true);
  }

  boolean addChunk(Object chunk, boolean front) {
    if (chunk == null) {
      rs &= ~READING;
      onEof();
    } else if (objectMode || ((ByteBuffer) chunk).hasRemaining()) {
      if (front) {
        if ((rs & END_EMITTED) != 0) {
          errorOrDestroy(StreamException.unshiftAfterEnd(), false);
        } else if (destroyed() || errored() != null) {
          return false;
        } else {
          bufferChunk(chunk, true);
        }
      } else if ((rs & EOF_PUSHED) != 0) {
        errorOrDestroy(StreamException.pushAfterEof(), false);
      } else if (destroyed() || errored() != null) {
        return false;
      } else {
        rs &= ~READING;
        bufferChunk(chunk, false);
      }
    } else if (!front) {
      // An empty chunk only means "reading is done for now".
      rs &= ~READING;
      maybeReadMore();
    }
    return (rs & EOF_PUSHED) == 0 && (length < hwm || length == 0);
  }

  private void bufferChunk(Object chunk, boolean front) {
    long size = readableStrategy.size(chunk);
    if (!hasWritableSide()) {
      // A duplex counts what is written to it as its input (WritableState), not its pushes.
      stats.in(objectMode ? 0 : size);
    }
    if ((rs & (FLOWING | IN_DO_READ)) == FLOWING && length == 0
        && (dataPipe != null || listenerCount(DATA) > 0)) {
      // Fast path: a flowing consumer takes the chunk without buffering.
      awaitDrain = 0;
      rs |= DATA_EMITTED;
      stats.out(objectMode ? 0 : size);
      emitData(chunk, false);
    } else {
      length += size;
      if (length >= hwm && !hasWritableSide()) {
        // A source at its mark waits on its consumer (a duplex measures its writable side).
        stats.blocked(LOOP.cachedNanos(loop));
      }
      if (front) {
        buffer.addFirst(chunk);
      } else {
        buffer.addLast(chunk);
      }
      if ((rs & NEED_READABLE) != 0) {
        emitReadable();
      }
    }
    maybeReadMore();
  }

  private void onEof() {
    if ((rs & EOF_PUSHED) != 0) {
      return;
    }
    rs |= EOF_PUSHED;
    if ((rs & IN_DO_READ) != 0) {
      emitReadable();
    } else {
      rs &= ~NEED_READABLE;
      rs |= EMITTED_READABLE;
      emitReadableNow();
    }
  }

  private void emitReadable() {
    rs &= ~NEED_READABLE;
    if ((rs & EMITTED_READABLE) == 0) {
      rs |= EMITTED_READABLE;
      loop.nextTick(emitReadableTask);
    }
  }

  private void emitReadableNow() {
    if (!destroyed() && errored() == null && (length > 0 || (rs & EOF_PUSHED) != 0)) {
      emit(READABLE);
      rs &= ~EMITTED_READABLE;
    }
    if ((rs & FLOWING) == 0 && (rs & EOF_PUSHED) == 0 && length <= hwm) {
      rs |= NEED_READABLE;
    } else {
      rs &= ~NEED_READABLE;
    }
    flow();
  }

  private void maybeReadMore() {
    if ((rs & READING_MORE) == 0 && constructed()) {
      rs |= READING_MORE;
      loop.nextTick(readMoreTask);
    }
  }

  private void readMore() {
    // Fill the buffer up to the mark while the source keeps producing synchronously.
    while ((rs & (READING | EOF_PUSHED)) == 0
        && (length < hwm || ((rs & FLOWING) != 0 && length == 0))) {
      long before = length;
      read(0);
      if (before == length) {
        break;
      }
    }
    rs &= ~READING_MORE;
  }

  // ---------------------------------------------------------------------------------------------
  // Consumer side

  /** Reads one chunk (flowing) or everything buffered (paused); null when nothing is available. */
  public T read() {
    return read(-1);
  }

  /**
   * Reads {@code n} bytes (byte streams; object streams return one chunk), or null if fewer are
   * buffered and the stream has not ended. {@code read(0)} only triggers a refill. Emits DATA for
   * what it returns.
   */
  public T read(long n) {
    return read(n, false);
  }

  /** {@code toFlow}: the chunk goes to the DATA listeners only (flowing mode), not to a caller. */
  @SuppressWarnings("unchecked")
  private T read(long n, boolean toFlow) {
    loop.checkInLoop(this);
    if (n < 0 && canReadAhead()) {
      return readAhead(toFlow);
    }
    if (n > 1L << 30) {
      throw StreamException.outOfRange("size", "<= 1GiB", n);
    }
    boolean all = n < 0;
    if (n > hwm) {
      hwm = nextPowerOfTwo(n);
    }
    if (n != 0) {
      rs &= ~EMITTED_READABLE;
    }
    if (n == 0 && (rs & NEED_READABLE) != 0
        && ((hwm != 0 ? length >= hwm : length > 0) || (rs & EOF_PUSHED) != 0)) {
      if (length == 0 && (rs & EOF_PUSHED) != 0) {
        endReadable();
      } else {
        emitReadable();
      }
      return null;
    }
    long want = howMuchToRead(n, all);
    if (want == 0 && (rs & EOF_PUSHED) != 0) {
      if (length == 0) {
        endReadable();
      }
      return null;
    }
    boolean doRead = (rs & NEED_READABLE) != 0 || length == 0 || length - want < hwm;
    if ((rs & (EOF_PUSHED | READING)) != 0 || destroyed() || errored() != null || !constructed()) {
      doRead = false;
    } else if (doRead) {
      rs |= READING | IN_DO_READ;
      if (length == 0) {
        rs |= NEED_READABLE;
      }
      callDoRead();
      rs &= ~IN_DO_READ;
      if ((rs & READING) == 0) {
        want = howMuchToRead(n, all);
      }
    }
    Object ret = want > 0 ? fromBuffer(want) : null;
    if (ret == null) {
      if (length <= hwm) {
        rs |= NEED_READABLE;
      } else {
        rs &= ~NEED_READABLE;
      }
      want = 0;
    } else {
      length -= want;
      awaitDrain = 0;
      if (length < hwm && !hasWritableSide()) {
        stats.unblocked(LOOP.cachedNanos(loop));
      }
    }
    if (length == 0) {
      if ((rs & EOF_PUSHED) == 0) {
        rs |= NEED_READABLE;
      }
      if ((all || n != want) && (rs & EOF_PUSHED) != 0) {
        endReadable();
      }
    }
    if (ret != null && !errorEmitted() && !closeEmitted()) {
      rs |= DATA_EMITTED;
      stats.out(objectMode ? 0 : want);
      emitData(ret, !toFlow);
    }
    return (T) ret;
  }

  /**
   * Whether {@code read()} is in an object stream's flowing steady state: a chunk to return,
   * room for the source to read one ahead, not reading or ended, no READABLE owed.
   */
  private boolean canReadAhead() {
    return objectMode && length > 0 && length <= hwm
        && (rs & (EOF_PUSHED | READING | NEED_READABLE)) == 0 && open();
  }

  /**
   * {@code read()} in that steady state: what the general path does then, minus its checks.
   * doRead first (Node's order: the source is asked for the next chunk before this one is
   * emitted), then the head chunk out.
   */
  @SuppressWarnings("unchecked")
  private T readAhead(boolean toFlow) {
    rs = (rs & ~EMITTED_READABLE) | READING | IN_DO_READ;
    callDoRead();
    rs &= ~IN_DO_READ;
    if (length == 0) {
      // doRead emptied the buffer (a destroy, or a read() of its own): the general path's ending.
      rs |= NEED_READABLE;
      if ((rs & EOF_PUSHED) != 0) {
        endReadable();
      }
      return null;
    }
    Object ret = buffer.pollFirst();
    length--;
    awaitDrain = 0;
    if (length < hwm && !hasWritableSide()) {
      stats.unblocked(LOOP.cachedNanos(loop));
    }
    if (length == 0 && (rs & EOF_PUSHED) == 0) {
      rs |= NEED_READABLE;
    } else if (length == 0) {
      endReadable();
    }
    if (!errorEmitted() && !closeEmitted()) {
      rs |= DATA_EMITTED;
      stats.out(0);
      emitData(ret, !toFlow);
    }
    return (T) ret;
  }

  private void callDoRead() {
    long t0 = stats.hookBegin(objectMode);
    Object outer = LOOP.enterStage(loop, this);
    try {
      doRead(hwm);
    } catch (Throwable t) {
      errorOrDestroy(t, false);
    }
    LOOP.exitStage(loop, outer);
    stats.hookEnd(t0, objectMode);
  }

  /**
   * DATA: straight to the pipe when it is the only listener, else through the emitter. A pooled
   * chunk's entry first moves to its adopter, or its block is shared ({@code returned}: the
   * caller of {@code read()} has it too).
   */
  private void emitData(Object chunk, boolean returned) {
    if (pooled != null && !pooled.isEmpty()) { // an empty ledger has nothing to hand over
      boolean adopted = !returned && pooledChunksAdopted();
      pooled.handOver(chunk, adopted ? adopter.adoptedChunks : null);
    }
    Pipe<T> p = dataPipe;
    if (p != null) {
      p.onData(chunk);
    } else {
      emit(DATA, chunk);
    }
  }

  /** Finds the pipe that is the only DATA listener, if one is (see {@link #dataPipe}). */
  private void updateDataPipe() {
    dataPipe = null;
    adopter = pooled == null || pipes == null || emitOverridden() ? null
        : Pipe.adopter(pipes, listeners(DATA));
    if (pipes == null || pipes.isEmpty() || listenerCount(DATA) != 1 || emitOverridden()) {
      return;
    }
    Object sole = listeners(DATA).get(0);
    for (Pipe<T> p : pipes) {
      if (p.onData == sole) {
        dataPipe = p;
        return;
      }
    }
  }

  /** A subclass that overrides {@code emit} sees every DATA: no direct calls then. */
  private boolean emitOverridden() {
    return overrides(getClass(), Readable.class, "emit", Event.class, Object.class);
  }

  private void endReadable() {
    if ((rs & END_EMITTED) == 0) {
      rs |= EOF_PUSHED;
      loop.nextTick(this::endReadableNow);
    }
  }

  private void endReadableNow() {
    if (errored() == null && !closeEmitted() && (rs & END_EMITTED) == 0 && length == 0) {
      rs |= END_EMITTED;
      emit(END);
      afterEnd();
    }
  }

  /** After END: a Duplex may end its writable side; otherwise autoDestroy. */
  void afterEnd() {
    if (autoDestroy()) {
      destroy();
    }
  }

  private void flow() {
    // Buffered chunks flowing out together are one burst (a pooled source's adopter is corked
    // meanwhile; otherwise nothing happens). read() emits DATA for each chunk; the steady state
    // skips its general algorithm (and its size, which keeps the JIT from inlining it here).
    beginBurst();
    try {
      while ((rs & FLOWING) != 0 && (canReadAhead() ? readAhead(true) : read(-1, true)) != null) {
      }
    } finally {
      endBurst();
    }
  }

  /** Switches to flowing mode (on the next tick), unless a READABLE listener is attached. */
  public Readable<T> resume() {
    loop.checkInLoop(this);
    if ((rs & FLOWING) == 0) {
      setFlowing((rs & READABLE_LISTENING) == 0);
      if ((rs & RESUME_SCHEDULED) == 0) {
        rs |= RESUME_SCHEDULED;
        loop.nextTick(resumeTask);
      }
    }
    rs = (rs | PAUSED_SET) & ~PAUSED;
    return this;
  }

  private void resumeNow() {
    // One burst: the read(0) before the flow may already push (a transform whose held callback
    // it releases), and those chunks belong with the ones the flow delivers.
    beginBurst();
    try {
      if ((rs & READING) == 0) {
        read(0);
      }
      rs &= ~RESUME_SCHEDULED;
      emit(RESUME);
      flow();
      if ((rs & FLOWING) != 0 && (rs & READING) == 0) {
        read(0);
      }
    } finally {
      endBurst();
    }
  }

  /** Stops flowing: DATA stops until {@link #resume()}. */
  public Readable<T> pause() {
    loop.checkInLoop(this);
    if ((rs & FLOWING_SET) == 0 || (rs & FLOWING) != 0) {
      setFlowing(false);
      emit(PAUSE);
    }
    rs |= PAUSED_SET | PAUSED;
    return this;
  }

  /** Whether {@link #pause()} was called or the stream is otherwise not flowing. */
  public boolean isPaused() {
    return (rs & PAUSED) != 0 || (rs & (FLOWING_SET | FLOWING)) == FLOWING_SET;
  }

  private void setFlowing(boolean on) {
    rs = on ? rs | FLOWING_SET | FLOWING : (rs | FLOWING_SET) & ~FLOWING;
  }

  /** Typed {@code on(DATA, listener)}. */
  @SuppressWarnings("unchecked")
  public Readable<T> onData(Listener<? super T> listener) {
    on(DATA, (Listener<Object>) listener);
    return this;
  }

  @Override
  protected void listenerAdded(Event<?> event) {
    if (event == DATA) {
      updateDataPipe();
      setBit(READABLE_LISTENING, listenerCount(READABLE) > 0);
      if ((rs & (FLOWING_SET | FLOWING)) != FLOWING_SET) {
        resume();
      }
    } else if (event == READABLE) {
      if ((rs & (END_EMITTED | READABLE_LISTENING)) == 0) {
        rs |= READABLE_LISTENING | NEED_READABLE;
        setFlowing(false);
        rs &= ~EMITTED_READABLE;
        if (length > 0) {
          emitReadable();
        } else if ((rs & READING) == 0) {
          loop.nextTick(() -> read(0));
        }
      }
    }
  }

  @Override
  protected void listenerRemoved(Event<?> event) {
    if (event == DATA) {
      updateDataPipe();
    } else if (event == READABLE) {
      loop.nextTick(this::updateReadableListening);
    }
  }

  private void updateReadableListening() {
    setBit(READABLE_LISTENING, listenerCount(READABLE) > 0);
    if ((rs & RESUME_SCHEDULED) != 0 && (rs & (PAUSED_SET | PAUSED)) == PAUSED_SET) {
      setFlowing(true);
    } else if (listenerCount(DATA) > 0) {
      resume();
    } else if ((rs & READABLE_LISTENING) == 0) {
      rs &= ~(FLOWING_SET | FLOWING);
    }
  }

  private void setBit(int bit, boolean on) {
    rs = on ? rs | bit : rs & ~bit;
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  @Override
  public Readable<T> destroy() {
    super.destroy();
    return this;
  }

  @Override
  public Readable<T> destroy(Throwable error) {
    super.destroy(error);
    return this;
  }

  @Override
  void afterConstruct() {
    if ((rs & NEED_READABLE) != 0) {
      maybeReadMore();
    }
  }

  @Override
  void onDestroyStarted() {
  }

  @Override
  void discardBuffered() {
    for (Object chunk; (chunk = buffer.pollFirst()) != null; ) {
      doDiscard(chunk);
    }
    length = 0;
  }

  @Override
  boolean hasReadableSide() {
    return (rs & READABLE_OFF) == 0;
  }

  @Override
  boolean hasWritableSide() {
    return false;
  }

}
