package io.loopstreams.core.stream;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.buffer.ChunkLedger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * The readable side's state, as Node's {@code ReadableState}: one int of bits ({@code rs}), the
 * buffer and its length (and how a read takes from it), the mark, the pipes; and the {@code
 * readable*} getters that read it.
 * {@link Readable} holds the transitions.
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
 * @param <T> the chunk type
 */
abstract class ReadableState<T> extends Stream {

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
  /** A pooled source's chunks not yet delivered ({@link #trackPooledChunks}), or null. */
  ChunkLedger pooled;
  /** The one consumer that would adopt a pooled chunk delivered now, or null. */
  WritableState<?> adopter;
  /** The adopter {@link #beginBurst} corked, for {@link #endBurst} to uncork; or null. */
  private WritableState<?> burstCorked;
  /** The PassThrough {@link #beginBurst} passed the burst on to, for {@link #endBurst}; or null. */
  private ReadableState<?> burstForwarded;
  private int burstDepth;

  ReadableState(EventLoop loop, StreamOptions options) {
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
  // The buffer

  /** How much a {@code read(n)} takes now (Node's {@code howMuchToRead}); {@code all} for {@code read()}. */
  final long howMuchToRead(long n, boolean all) {
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
  final Object fromBuffer(long n) {
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
        if (pooled != null) {
          pooled.discard(b); // copied out, seen by nobody: its block may go back
        }
      } else {
        takeFront(b, take);
      }
    }
    return out.flip();
  }

  /** Replaces the head {@code b} of the buffer by its bytes after {@code n}; returns the first n. */
  private ByteBuffer takeFront(ByteBuffer b, int n) {
    buffer.pollFirst();
    if (pooled != null) {
      pooled.handOver(b, null); // views of it go out: its block is shared
    }
    buffer.addFirst(b.slice(b.position() + n, b.remaining() - n));
    return b.slice(b.position(), n);
  }

  static long nextPowerOfTwo(long n) {
    return n >= 1L << 30 ? 1L << 30 : Long.highestOneBit(n - 1) << 1;
  }

  // ---------------------------------------------------------------------------------------------
  // Pooled chunks (docs/buffers.md)

  /**
   * Declares this a pooled source: before each push of a chunk cut from a {@link
   * io.loopstreams.core.buffer.PooledBlock}, it records the chunk (with one reference to the
   * block) in {@code ledger}. When the chunk is delivered, flowing, to a sole pipe whose
   * destination adopts chunks (other DATA listeners may only be {@link ChunkObserver}s), its
   * entry moves to the destination, which releases it once written; any other delivery shares
   * the block. Call it from the constructor; a class that overrides {@code read} cannot.
   */
  protected final void trackPooledChunks(ChunkLedger ledger) {
    if (overrides(getClass(), Readable.class, "read", long.class)
        || overrides(getClass(), Readable.class, "read")) {
      throw new IllegalStateException(name() + " overrides read(): its chunks cannot be tracked");
    }
    if (listenerCount(DATA) > 0) {
      throw new IllegalStateException(name() + " already has a consumer");
    }
    pooled = Objects.requireNonNull(ledger, "ledger");
  }

  /**
   * Whether a chunk delivered now would be adopted (see {@link #trackPooledChunks}): a pooled
   * source cuts its chunks from pooled blocks only then, and from plain heap buffers otherwise.
   */
  protected final boolean pooledChunksAdopted() {
    WritableState<?> a = adopter;
    return a != null && a.adoptsNow();
  }

  /**
   * Opens a burst: the pushes of one block read at once, up to {@link #endBurst}. While they go
   * out, the destination that adopts them (see {@link #trackPooledChunks}) is corked if it writes
   * batches ({@code doWritev}), so it gets the block in one call: without it, the first chunk
   * finds the destination idle and goes alone, and the rest wait for that write, one more
   * hand-off to the offload pool per block. The destination sees what {@code cork()} and {@code
   * uncork()} around the writes give it in Node; the chunks, their order and the events are the
   * same. Bursts nest: only the outermost corks. The flow of buffered chunks after a pause is one
   * too, and a {@link PassThrough} that passes the chunks on passes the burst on with them.
   */
  protected final void beginBurst() {
    if (burstDepth++ == 0) {
      WritableState<?> a = adopter;
      if (a == null || !a.adoptsNow()) {
        return;
      }
      if (a.batches()) {
        a.cork();
        burstCorked = a;
      } else if (a.forwardsTo != null) {
        burstForwarded = a.forwardsTo;
        burstForwarded.beginBurst();
      }
    }
  }

  /** Closes the burst {@link #beginBurst} opened: its destination writes what it buffered. */
  protected final void endBurst() {
    if (--burstDepth == 0) {
      WritableState<?> a = burstCorked;
      ReadableState<?> f = burstForwarded;
      burstCorked = null;
      burstForwarded = null;
      if (a != null) {
        a.uncork();
      }
      if (f != null) {
        f.endBurst();
      }
    }
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
}
