package io.loopstreams.core.stream;

import io.loopstreams.core.Event;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Listener;
import io.loopstreams.core.Promise;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.internal.LoopAccess;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Node's {@code stream.Readable}: a source of chunks with a high-water-mark buffer, paused and
 * flowing modes, {@code pipe}, and the operators of {@code stream.md}.
 *
 * <p>Implement {@link #doRead(long)} and call {@link #push(Object)}; {@code push(null)} (or
 * {@link #pushEnd()}) ends the stream. {@code push} returns false once the buffer holds the
 * high-water mark: stop until {@code doRead} is called again.
 *
 * <h2>State</h2>
 * One int of bits ({@code rs}); the transitions follow {@code lib/internal/streams/readable.js}:
 * <pre>
 *   flowing:  null ─on(DATA)/resume/pipe→ true ─pause/on(READABLE)→ false ─resume→ true
 *   reading:  doRead called ─push/pushEnd→ cleared (a push of an empty buffer too)
 *   ended:    pushEnd ─buffer drained by read()/flow→ END (nextTick) → autoDestroy → CLOSE
 * </pre>
 * {@code DATA} is emitted synchronously by {@code read()}; {@code READABLE} and {@code END} on
 * the next tick, coalesced.
 *
 * <table>
 *   <caption>The bits of {@code rs} (Node's names in parentheses)</caption>
 *   <tr><th>bit</th><th>set by</th><th>cleared by</th><th>means</th></tr>
 *   <tr><td>EOF_PUSHED ({@code ended})</td><td>{@code pushEnd}/{@code push(null)}; a duplex
 *       built {@code readable(false)}</td><td>never</td><td>no more pushes; END follows once the
 *       buffer is drained</td></tr>
 *   <tr><td>END_EMITTED ({@code endEmitted})</td><td>END emitted</td><td>never</td><td>the
 *       consumer has had everything</td></tr>
 *   <tr><td>READING ({@code reading})</td><td>{@code read()} before it calls {@code doRead}</td>
 *       <td>any push or pushEnd</td><td>a {@code doRead} is outstanding: don't call it again</td></tr>
 *   <tr><td>IN_DO_READ ({@code sync})</td><td>{@code read()} around its {@code doRead} call</td>
 *       <td>{@code doRead} returned</td><td>a push now is synchronous with {@code read()}: defer
 *       READABLE and flowing to the next tick</td></tr>
 *   <tr><td>NEED_READABLE ({@code needReadable})</td><td>{@code read()} got less than asked or
 *       left the buffer under the mark; a READABLE listener added</td><td>READABLE scheduled; the
 *       buffer above the mark</td><td>emit READABLE when data or the end arrives</td></tr>
 *   <tr><td>EMITTED_READABLE ({@code emittedReadable})</td><td>a READABLE emission scheduled</td>
 *       <td>READABLE emitted; {@code read()} with data</td><td>coalesces READABLE to once per
 *       tick</td></tr>
 *   <tr><td>READABLE_LISTENING ({@code readableListening})</td><td>a READABLE listener added</td>
 *       <td>the last one removed</td><td>paused-mode consumption: DATA listeners don't flow</td></tr>
 *   <tr><td>RESUME_SCHEDULED ({@code resumeScheduled})</td><td>{@code resume()} queueing its
 *       tick</td><td>that tick</td><td>flowing starts on the next tick, once</td></tr>
 *   <tr><td>DATA_EMITTED ({@code dataEmitted})</td><td>a DATA event</td><td>never</td><td>{@code
 *       readableDidRead()}</td></tr>
 *   <tr><td>READING_MORE ({@code readingMore})</td><td>{@code maybeReadMore} queueing its
 *       tick</td><td>that tick's reads done</td><td>fill the buffer to the mark ahead of demand,
 *       once at a time</td></tr>
 *   <tr><td>FLOWING_SET, FLOWING ({@code flowing}: null/false/true)</td><td>{@code resume()},
 *       {@code on(DATA)}, {@code pipe} (both); {@code pause()} (SET only)</td><td>never back to
 *       null</td><td>flowing mode: {@code flow()} reads while FLOWING</td></tr>
 *   <tr><td>PAUSED_SET, PAUSED ({@code kPaused}: null/false/true)</td><td>{@code pause()} (both),
 *       {@code resume()} (SET only)</td><td>never back to null</td><td>{@code isPaused()}; an
 *       explicit pause survives a READABLE listener's removal</td></tr>
 *   <tr><td>READABLE_OFF</td><td>a duplex built {@code readable(false)}</td><td>never</td><td>no
 *       readable side</td></tr>
 * </table>
 *
 * <h2>Differences from Node</h2>
 * Chunks are typed: byte streams carry {@link ByteBuffer}s (no strings or encodings; decode with
 * a text transform), object streams any non-null {@code T}. A Java {@code null} passed to
 * {@code push} is the end of the stream. Events are {@link Event} keys: {@link #DATA}, {@link
 * #END}, ...
 *
 * @param <T> the chunk type
 */
public abstract class Readable<T> extends Stream {

  private static final LoopAccess LOOP = LoopAccess.get();

  // Readable-side bits (rs). FLOWING_SET/FLOWING encode Node's tri-state flowing (null/false/true).
  static final int EOF_PUSHED = 1;
  static final int END_EMITTED = 1 << 1;
  static final int READING = 1 << 2;
  static final int IN_DO_READ = 1 << 3;
  static final int NEED_READABLE = 1 << 4;
  static final int EMITTED_READABLE = 1 << 5;
  static final int READABLE_LISTENING = 1 << 6;
  static final int RESUME_SCHEDULED = 1 << 7;
  static final int DATA_EMITTED = 1 << 8;
  static final int READING_MORE = 1 << 9;
  static final int FLOWING_SET = 1 << 10;
  static final int FLOWING = 1 << 11;
  static final int PAUSED_SET = 1 << 12;
  static final int PAUSED = 1 << 13;
  static final int READABLE_OFF = 1 << 14;

  // immutable
  final boolean objectMode;
  final QueuingStrategy readableStrategy;

  // loop thread only
  int rs;
  long hwm;
  long length;
  final ArrayDeque<Object> buffer = new ArrayDeque<>();
  /** Destinations of pipe(); each with its Pipe. */
  List<Pipe<T>> pipes;
  /** Node's awaitDrainWriters: destinations whose DRAIN the flow waits for. */
  int awaitDrain;
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
    this.readableStrategy = options.readableStrategy;
    this.objectMode = !readableStrategy.isBytes();
    this.hwm = readableStrategy.highWaterMark();
    rs = IN_DO_READ;
    if (!options.readable) {
      rs |= EOF_PUSHED | END_EMITTED | READABLE_OFF;
    }
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
      emitData(chunk);
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
  @SuppressWarnings("unchecked")
  public T read(long n) {
    loop.checkInLoop(this);
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
      long t0 = stats.hookBegin(objectMode);
      Object outer = LOOP.enterStage(loop, this);
      try {
        doRead(hwm);
      } catch (Throwable t) {
        errorOrDestroy(t, false);
      }
      LOOP.exitStage(loop, outer);
      stats.hookEnd(t0, objectMode);
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
      emitData(ret);
    }
    return (T) ret;
  }

  /** DATA: straight to the pipe when it is the only listener, else through the emitter. */
  private void emitData(Object chunk) {
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

  private long howMuchToRead(long n, boolean all) {
    if ((!all && n <= 0) || (length == 0 && (rs & EOF_PUSHED) != 0)) {
      return 0;
    }
    if (objectMode) {
      return 1;
    }
    if (all) {
      return (rs & FLOWING) != 0 && length > 0 ? ((ByteBuffer) buffer.peekFirst()).remaining() : length;
    }
    if (n <= length) {
      return n;
    }
    return (rs & EOF_PUSHED) != 0 ? length : 0;
  }

  /** Takes {@code n} units from the front: one object, one whole buffer, or a slice/concat. */
  private Object fromBuffer(long n) {
    if (length == 0) {
      return null;
    }
    if (objectMode) {
      return buffer.pollFirst();
    }
    ByteBuffer first = (ByteBuffer) buffer.peekFirst();
    if (first.remaining() == n) {
      return buffer.pollFirst();
    }
    // Slices and absolute copies only: a pushed buffer may be shared (one chunk piped to several
    // destinations), so its position is never moved; what is left of it becomes a new view.
    if (first.remaining() > n) {
      return takeFront(first, (int) n);
    }
    ByteBuffer out = ByteBuffer.allocate((int) n);
    while (out.hasRemaining()) {
      ByteBuffer b = (ByteBuffer) buffer.peekFirst();
      int take = Math.min(b.remaining(), out.remaining());
      out.put(out.position(), b, b.position(), take);
      out.position(out.position() + take);
      if (take == b.remaining()) {
        buffer.pollFirst();
      } else {
        takeFront(b, take);
      }
    }
    return out.flip();
  }

  /** Replaces the head {@code b} of the buffer by its bytes after {@code n}; returns the first n. */
  private ByteBuffer takeFront(ByteBuffer b, int n) {
    buffer.pollFirst();
    buffer.addFirst(b.slice(b.position() + n, b.remaining() - n));
    return b.slice(b.position(), n);
  }

  private static long nextPowerOfTwo(long n) {
    return n >= 1L << 30 ? 1L << 30 : Long.highestOneBit(n - 1) << 1;
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
    while ((rs & FLOWING) != 0 && read() != null) {
      // read() emits DATA for each chunk
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
    if ((rs & READING) == 0) {
      read(0);
    }
    rs &= ~RESUME_SCHEDULED;
    emit(RESUME);
    flow();
    if ((rs & FLOWING) != 0 && (rs & READING) == 0) {
      read(0);
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
  // pipe

  /** Pipes into {@code destination} and ends it when this stream ends. Returns the destination. */
  public <W extends WritableStream<? super T>> W pipe(W destination) {
    return pipe(destination, true);
  }

  /**
   * Node's {@code readable.pipe(dest, {end})}: writes every chunk, pauses while the destination's
   * {@code write} returns false and resumes on its DRAIN. Errors are not forwarded and nothing
   * is destroyed: use {@link Pipeline} for that.
   *
   * @throws IllegalStateException if {@code destination} belongs to another loop
   */
  public <W extends WritableStream<? super T>> W pipe(W destination, boolean end) {
    loop.checkInLoop(this);
    Objects.requireNonNull(destination, "destination");
    // A destination of another loop fails here, as in Pipeline.run, not at the first chunk.
    Stream target = destination.stream();
    target.loop.checkInLoop(target);
    if (pipes == null) {
      pipes = new ArrayList<>(1);
    }
    @SuppressWarnings("unchecked") WritableStream<T> dest = (WritableStream<T>) destination;
    Pipe<T> p = new Pipe<>(this, dest, end);
    pipes.add(p);
    p.start();
    return destination;
  }

  /** Detaches every destination. */
  public Readable<T> unpipe() {
    loop.checkInLoop(this);
    if (pipes != null) {
      for (Pipe<T> p : new ArrayList<>(pipes)) {
        p.unpipe();
      }
    }
    return this;
  }

  /** Detaches {@code destination}; emits UNPIPE on it. */
  public Readable<T> unpipe(WritableStream<?> destination) {
    loop.checkInLoop(this);
    if (pipes != null) {
      // Node removes one pipe per call: a destination piped twice needs two unpipes.
      for (Pipe<T> p : pipes) {
        if (p.dest == destination) {
          p.unpipe();
          break;
        }
      }
    }
    return this;
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

  // ---------------------------------------------------------------------------------------------
  // Queries (Node's readable* getters)

  /** Whether it is safe to read: not destroyed, errored or ended. */
  public boolean isReadable() {
    return (rs & (READABLE_OFF | END_EMITTED)) == 0 && !destroyed() && !errorEmitted();
  }

  /** Buffered amount: bytes, or objects in object mode. */
  public long readableLength() {
    return length;
  }

  /**
   * The size of the chunk at the head of the buffer (its bytes, or 1 in object mode); 0 when
   * nothing is buffered. {@code read(readableHeadLength())} returns exactly that chunk, as
   * flowing mode's DATA would: the Reactive Streams adapter emits one chunk per element.
   */
  public long readableHeadLength() {
    if (length == 0) {
      return 0;
    }
    return readableStrategy.size(buffer.peekFirst());
  }

  public long readableHighWaterMark() {
    return hwm;
  }

  public boolean readableObjectMode() {
    return objectMode;
  }

  /** Node's tri-state {@code readableFlowing}: null before any consumer, then true or false. */
  public Boolean readableFlowing() {
    return (rs & FLOWING_SET) == 0 ? null : (rs & FLOWING) != 0;
  }

  /** Whether END was emitted. */
  public boolean readableEnded() {
    return (rs & END_EMITTED) != 0;
  }

  /** Whether DATA was ever emitted. */
  public boolean readableDidRead() {
    return (rs & DATA_EMITTED) != 0;
  }

  /** Whether the end was pushed (Node's {@code readableState.ended}), delivered or not. */
  boolean eofPushed() {
    return (rs & EOF_PUSHED) != 0;
  }

  /** Destroyed or errored before END. */
  public boolean readableAborted() {
    return (destroyed() || errored() != null) && (rs & END_EMITTED) == 0;
  }

  boolean readableEndPushed() {
    return (rs & EOF_PUSHED) != 0;
  }

  @Override
  boolean readableFinishedLoose() {
    return (rs & END_EMITTED) != 0 || ((rs & EOF_PUSHED) != 0 && length == 0);
  }

  @Override
  boolean readableAlive() {
    return hasReadableSide() && isReadable() && !readableFinishedLoose();
  }

  String readableFlags() {
    Boolean f = readableFlowing();
    return (f == null ? "" : f ? "FLOWING " : "PAUSED ") + ((rs & READING) != 0 ? "READING " : "")
        + ((rs & END_EMITTED) != 0 ? "END_EMITTED " : (rs & EOF_PUSHED) != 0 ? "ENDED " : "")
        + (length >= hwm && hwm > 0 ? "FULL " : "");
  }


  @Override
  public StreamSnapshot snapshot() {
    return StreamSnapshot.of(this, readableFlags() + lifeFlags(), length, -1);
  }

  // ---------------------------------------------------------------------------------------------
  // Factories and operators (implementations in package-private classes)

  /** An object stream over {@code items}, one item per read (Node's {@code Readable.from}). */
  public static <T> Readable<T> from(Iterable<? extends T> items) {
    return new IteratorReadable<>(currentLoop(), items.iterator(), StreamOptions.objects().highWaterMark(1));
  }

  /** An object stream over {@code items}. */
  public static <T> Readable<T> from(Iterator<? extends T> items) {
    return new IteratorReadable<>(currentLoop(), items, StreamOptions.objects().highWaterMark(1));
  }

  /** An object stream over {@code items} with explicit options. */
  public static <T> Readable<T> from(Iterator<? extends T> items, StreamOptions options) {
    return new IteratorReadable<>(currentLoop(), items, options);
  }

  // Operators (Node's stream.md § Readable operators). Each returns a new object stream (mark 1,
  // like Node's Readable.from) that consumes this one in paused mode, lazily: nothing is pulled
  // before the result is read. An error (a throw, a rejection, this stream's error) destroys the
  // result and this stream; destroying the result destroys this stream.

  /** Node's {@code map(fn)}: {@code fn} applied to each item, in order. A null result fails. */
  public <R> Readable<R> map(Function<? super T, ? extends R> fn) {
    loop.checkInLoop(this);
    return new ReadableMap<>(this, Objects.requireNonNull(fn, "fn"), 1, 0);
  }

  /**
   * Node's {@code map(fn, {concurrency})}: up to {@code concurrency} promises in flight, results
   * pushed in source order; at most {@code 2 * concurrency - 1} items held (Node's concurrency +
   * highWaterMark). Negative or zero concurrency: {@code ERR_OUT_OF_RANGE}.
   */
  public <R> Readable<R> map(Function<? super T, ? extends Promise<? extends R>> fn,
      int concurrency) {
    loop.checkInLoop(this);
    return new ReadableMap<>(this, Objects.requireNonNull(fn, "fn"), concurrency, concurrency - 1L);
  }

  /** Node's {@code filter(fn)}: keeps the items {@code predicate} accepts. */
  public Readable<T> filter(Predicate<? super T> predicate) {
    loop.checkInLoop(this);
    Objects.requireNonNull(predicate, "predicate");
    return new ReadableFilter<>(this, predicate::test, 1);
  }

  /** Node's {@code filter(fn, {concurrency})} with an async predicate; order kept. */
  public Readable<T> filter(Function<? super T, ? extends Promise<Boolean>> predicate,
      int concurrency) {
    loop.checkInLoop(this);
    return new ReadableFilter<>(this, Objects.requireNonNull(predicate, "predicate"), concurrency);
  }

  /** Node's {@code flatMap(fn)} where {@code fn} returns a stream: its items, stream after stream. */
  public <R> Readable<R> flatMap(Function<? super T, ? extends Readable<? extends R>> fn) {
    loop.checkInLoop(this);
    return new ReadableFlatMap<>(this, Objects.requireNonNull(fn, "fn"));
  }

  /** Node's {@code flatMap(fn)} where {@code fn} returns an iterable (Reactor's name). */
  public <R> Readable<R> flatMapIterable(
      Function<? super T, ? extends Iterable<? extends R>> fn) {
    loop.checkInLoop(this);
    return new ReadableFlatMap<>(this, Objects.requireNonNull(fn, "fn"));
  }

  /** Node's {@code take(n)}: the first {@code n} items; then this stream is destroyed. */
  public Readable<T> take(long n) {
    loop.checkInLoop(this);
    return new ReadableTake<>(this, n);
  }

  /** Node's {@code drop(n)}: everything after the first {@code n} items. */
  public Readable<T> drop(long n) {
    loop.checkInLoop(this);
    return new ReadableDrop<>(this, n);
  }

  /** Node's {@code forEach(fn)}: calls {@code action} for each item; fulfils after END. */
  public Promise<Void> forEach(Consumer<? super T> action) {
    loop.checkInLoop(this);
    Objects.requireNonNull(action, "action");
    return ReadableReduce.<T, Void>run(this, (none, item) -> {
      action.accept(item);
      return null;
    }, null, true);
  }

  /** Node's {@code forEach(fn, {concurrency})} with an async action: up to {@code concurrency} at once. */
  public Promise<Void> forEach(Function<? super T, ? extends Promise<?>> action,
      int concurrency) {
    loop.checkInLoop(this);
    Objects.requireNonNull(action, "action");
    Readable<Object> done = new ReadableMap<>(this,
        item -> action.apply(item).map(v -> ReadableMap.SKIP), concurrency, concurrency - 1L);
    return ReadableReduce.<Object, Void>run(done, (none, item) -> null, null, true);
  }

  /** Node's {@code toArray()}: every item, fulfilled after END. */
  public Promise<List<T>> toList() {
    loop.checkInLoop(this);
    return ReadableReduce.<T, List<T>>run(this, (list, item) -> {
      list.add(item);
      return list;
    }, new ArrayList<>(), true);
  }

  /** Node's {@code reduce(fn, initial)}: folds the items into {@code initial}. */
  public <R> Promise<R> reduce(BiFunction<? super R, ? super T, ? extends R> fn,
      R initial) {
    loop.checkInLoop(this);
    return ReadableReduce.run(this, Objects.requireNonNull(fn, "fn"), initial, true);
  }

  /**
   * Node's {@code reduce(fn)}: the first item is the initial value; an empty stream rejects with
   * {@code ERR_MISSING_ARGS} "Reduce of an empty stream requires an initial value".
   */
  public Promise<T> reduce(BinaryOperator<T> fn) {
    loop.checkInLoop(this);
    return ReadableReduce.run(this, Objects.requireNonNull(fn, "fn"), null, false);
  }

  /** Node's {@code some(fn)}: whether an item passes; stops and destroys this stream at the first. */
  public Promise<Boolean> some(Predicate<? super T> predicate) {
    return ReadableFind.some(this, Objects.requireNonNull(predicate, "predicate")::test, 1);
  }

  /** Node's {@code some(fn, {concurrency})} with an async predicate. */
  public Promise<Boolean> some(Function<? super T, ? extends Promise<Boolean>> predicate, int concurrency) {
    return ReadableFind.some(this, Objects.requireNonNull(predicate, "predicate"), concurrency);
  }

  /** Node's {@code every(fn)}: whether all items pass; stops and destroys this stream at the first that fails. */
  public Promise<Boolean> every(Predicate<? super T> predicate) {
    return ReadableFind.every(this, Objects.requireNonNull(predicate, "predicate")::test, 1);
  }

  /** Node's {@code every(fn, {concurrency})} with an async predicate. */
  public Promise<Boolean> every(Function<? super T, ? extends Promise<Boolean>> predicate, int concurrency) {
    return ReadableFind.every(this, Objects.requireNonNull(predicate, "predicate"), concurrency);
  }

  /** Node's {@code find(fn)}: the first item that passes (empty if none); stops and destroys this stream there. */
  public Promise<Optional<T>> find(Predicate<? super T> predicate) {
    return ReadableFind.first(this, Objects.requireNonNull(predicate, "predicate")::test, 1);
  }

  /** Node's {@code find(fn, {concurrency})} with an async predicate. */
  public Promise<Optional<T>> find(Function<? super T, ? extends Promise<Boolean>> predicate, int concurrency) {
    return ReadableFind.first(this, Objects.requireNonNull(predicate, "predicate"), concurrency);
  }

  /** Node's {@code readable[Symbol.asyncIterator]()}: the chunks as promises; {@code close()} (break) destroys. */
  public AsyncIterator<T> iterator() {
    return iterator(true);
  }

  /** Node's {@code readable.iterator({destroyOnReturn})}. */
  public AsyncIterator<T> iterator(boolean destroyOnReturn) {
    loop.checkInLoop(this);
    return new AsyncIterator<>(this, destroyOnReturn);
  }

  /**
   * Node's {@code readable.compose(stream)}: this stream piped into {@code stage}, whose readable
   * side is returned; an error on either side destroys both (a {@link Pipeline} of the two).
   */
  public <R> Duplex<T, R> compose(Duplex<? super T, R> stage) {
    Pipeline.run(List.of(this, Objects.requireNonNull(stage, "stage")), null);
    @SuppressWarnings("unchecked") Duplex<T, R> d = (Duplex<T, R>) stage;
    return d;
  }

  /** Node's {@code readable.compose(async function*)}: {@code fn} builds the output from this stream's chunks. */
  public <R> Readable<R> compose(Function<? super Readable<T>, ? extends Readable<R>> fn) {
    return compose(FunctionStage.<T, R>of(loop, fn));
  }

  /** A blocking view for another thread (an Iterable, or {@code stream()}), bounded by the mark. */
  public BlockingIterable<T> toBlockingIterable() {
    loop.checkInLoop(this);
    return new BlockingIterable<>(this);
  }
}
