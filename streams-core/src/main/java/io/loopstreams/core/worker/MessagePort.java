package io.loopstreams.core.worker;

import io.loopstreams.core.Event;
import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Handoff;
import io.loopstreams.core.LoopHandle;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.stream.Duplex;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * One end of a {@link MessageChannel}: Node's {@code MessagePort}. What one end posts, the other
 * emits as {@link #MESSAGE} on its own loop, in order. A port belongs to one loop at a time and
 * can be moved to another by listing it in a {@link #postMessage(Object, Object...)} transfer list.
 *
 * <h2>The way across</h2>
 * Each port receives through a bounded {@link Handoff} on its loop ({@link #CAPACITY} items).
 * The sender offers straight into the peer's hand-off; when it is full (or the peer is being
 * moved), the message waits in the sender's loop-confined outbox, the sender raises the peer's
 * {@code senderWaiting} flag, and the receiver's next drain wakes the sender to flush. Messages
 * therefore never block a loop and never reorder. The outbox is what Node's unbounded
 * {@code postMessage} queue is; a {@link #stream()} never fills it, because its writer sends
 * only what the reader granted.
 *
 * <h2>States (one table)</h2>
 * <pre>
 *   state      inbox          owner        how it is left
 *   bound      a Handoff      its loop     postMessage(.., port) → moving; close() → closed
 *   moving     null           (old loop)   the message arrives → bound on the new loop
 *   closed     null           its loop     final; CLOSE emitted on both ends
 * </pre>
 *
 * <h2>Threads</h2>
 * Public methods: the owning loop only. {@code inbox}, {@code owner}, {@code posting} and
 * {@code senderWaiting} are read by the peer's thread; everything else is loop-confined.
 * A move stops the old loop's posts first: the peer's post raises {@code posting} before it
 * reads {@code inbox}, the mover clears {@code inbox} before it reads {@code posting} (both
 * volatile, so at least one sees the other), then waits out an offer in progress.
 */
public final class MessagePort extends EventEmitter {

  /** A message from the other end. */
  public static final Event<Object> MESSAGE = Event.of("message");
  /** The channel was closed by either end. */
  public static final Event<Void> CLOSE = Event.of("close");
  /** Items a port's hand-off holds before senders keep them in their outbox. */
  public static final int CAPACITY = 8192;

  private static final VarHandle SENDER_WAITING;
  private static final VarHandle POSTING;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      SENDER_WAITING = l.findVarHandle(MessagePort.class, "senderWaiting", int.class);
      POSTING = l.findVarHandle(MessagePort.class, "posting", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // any thread
  private volatile Handoff<Envelope> inbox;
  private volatile EventLoop owner;
  private volatile int posting;
  private volatile int senderWaiting;
  /** The loop the port last moved away from: using it there fails clearly, not as wrong-thread. */
  private volatile EventLoop movedFrom;
  private MessagePort peer; // set once by the channel before either end is published

  // owning loop only
  private final ArrayDeque<Envelope> outbox = new ArrayDeque<>();
  private ArrayDeque<Envelope> backlog = new ArrayDeque<>();
  private LoopHandle keepAlive;
  private boolean refed = true;
  private boolean closed;
  private boolean moved;
  private PortStream stream;
  private boolean streamDone;

  MessagePort(EventLoop loop) {
    bind(loop);
  }

  static void entangle(MessagePort a, MessagePort b) {
    a.peer = b;
    b.peer = a;
  }

  private void bind(EventLoop loop) {
    owner = loop;
    inbox = Handoff.bounded(loop, CAPACITY, this::drain, () -> { });
  }

  /** The loop this port belongs to now. */
  public EventLoop loop() {
    return owner;
  }

  // ---------------------------------------------------------------------------------------------
  // Sending

  /** Sends {@code message} to the other end. Objects are passed by reference: send immutable ones. */
  public void postMessage(Object message) {
    postMessage(message, new Object[0]);
  }

  /**
   * Sends {@code message}, moving what {@code transfer} lists: a {@code ByteBuffer} that is the
   * message itself travels without a copy and is detached here (use {@link Transfer} for one
   * inside a larger message); a {@code MessagePort} moves to the receiving loop.
   */
  public void postMessage(Object message, Object... transfer) {
    checkUsable("postMessage");
    Objects.requireNonNull(message, "message");
    Object payload = message;
    List<MessagePort> ports = List.of();
    for (Object t : transfer) {
      if (t instanceof ByteBuffer b) {
        if (b != message) {
          throw StreamException.invalidArgValue("transfer", "ByteBuffer",
              "a buffer inside a message travels as Transfer.of(buffer)");
        }
        payload = Transfer.detach(b);
      } else if (t instanceof MessagePort p) {
        if (p == this || p == peer) {
          throw new IllegalArgumentException("DataCloneError: Transfer list contains source port");
        }
        if (ports.isEmpty()) {
          ports = new ArrayList<>();
        }
        p.detachForMove();
        ports.add(p);
      } else {
        throw StreamException.invalidArgValue("transfer", t, "only ByteBuffer and MessagePort move");
      }
    }
    send(Envelope.message(payload, ports));
  }

  /** Loop thread: queues {@code e} for the peer, behind anything already waiting. */
  void send(Envelope e) {
    if (closed) {
      return; // the channel is closed: dropped, as Node's
    }
    if (!outbox.isEmpty() || !offerToPeer(e)) {
      outbox.add(e);
    }
  }

  private boolean offerToPeer(Envelope e) {
    MessagePort to = peer;
    posting = 1;
    Handoff<Envelope> h = to.inbox;
    boolean ok = h != null && h.offer(e);
    POSTING.setRelease(this, 0); // the mover only waits for it: no fence needed
    if (ok) {
      return true;
    }
    SENDER_WAITING.setVolatile(to, 1);
    VarHandle.fullFence();
    posting = 1;
    h = to.inbox;
    ok = h != null && h.offer(e); // the receiver may have drained before it saw the flag
    POSTING.setRelease(this, 0);
    return ok;
  }

  /** Loop thread: moves the outbox into the peer's hand-off until it is full. */
  private void flush() {
    if (moved || owner != EventLoop.currentOrNull()) {
      return; // moved away since the wake-up was sent: the new owner flushes on arrival
    }
    Envelope e;
    while ((e = outbox.peek()) != null && offerToPeer(e)) {
      outbox.poll();
    }
  }

  /**
   * A worker's thread after its loop ended: hands what the outbox still holds to the peer,
   * parking while the peer's hand-off is full, until done or {@code stop} says to give up.
   */
  void flushOnExit(java.util.function.BooleanSupplier stop) {
    Envelope e;
    while ((e = outbox.peek()) != null && !stop.getAsBoolean()) {
      if (offerToPeer(e)) {
        outbox.poll();
      } else {
        java.util.concurrent.locks.LockSupport.parkNanos(100_000);
      }
    }
  }

  /** Any thread: the peer drained; if it waits to send, run its flush on its loop. */
  private void wakeSender() {
    VarHandle.fullFence();
    if (senderWaiting == 1 && SENDER_WAITING.compareAndSet(this, 1, 0)) {
      MessagePort sender = peer;
      EventLoop loop = sender.owner;
      try {
        loop.execute(sender::flush);
      } catch (RejectedExecutionException gone) {
        // the sender's loop ended: what it still held is lost with it, as with Node's threads
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Receiving

  private void drain(Handoff<Envelope> h) {
    if (h != inbox || !started()) {
      return; // stale hand-off of a moved port, or nobody listens yet: items wait in the queue
    }
    Envelope e;
    while (!closed && !moved && (e = backlog.poll()) != null) {
      dispatch(e);
    }
    while (!closed && h == inbox && (e = h.poll()) != null) {
      dispatch(e);
    }
    wakeSender();
  }

  private boolean started() {
    return listenerCount(MESSAGE) > 0 || (stream != null && !streamDone);
  }

  private void dispatch(Envelope e) {
    switch (e.kind()) {
      case MESSAGE -> {
        for (MessagePort p : e.ports()) {
          p.adopt(owner);
        }
        emit(MESSAGE, e.payload());
      }
      case CLOSE -> closeLocally(false);
      default -> {
        if (stream != null) {
          stream.receive(e);
        }
      }
    }
  }

  @Override
  protected void listenerAdded(Event<?> event) {
    if (event == MESSAGE) {
      updateKeepAlive();
      Handoff<Envelope> h = inbox;
      if (h != null) {
        h.signal(); // deliver what arrived before anyone listened
      }
    }
  }

  @Override
  protected void listenerRemoved(Event<?> event) {
    if (event == MESSAGE) {
      updateKeepAlive();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Moving to another loop

  /** Old loop: stops receiving here; what arrived and what waits to be sent travel along. */
  private void detachForMove() {
    checkUsable("transfer");
    if (stream != null) {
      throw new IllegalArgumentException("DataCloneError: a port with an open stream cannot move");
    }
    Handoff<Envelope> old = inbox;
    inbox = null;
    while (peer.posting == 1) {
      Thread.onSpinWait(); // an offer into the old hand-off is finishing
    }
    Envelope e;
    while ((e = old.poll()) != null) {
      backlog.add(e);
    }
    moved = true;
    movedFrom = owner;
    releaseKeepAlive();
  }

  /** Before the port is published: moves a fresh port to a loop that is not running yet. */
  void rebindUnstarted(EventLoop loop) {
    bind(loop);
  }

  /** New loop: binds here, then lets the peer flush what it held while this port moved. */
  private void adopt(EventLoop loop) {
    moved = false;
    bind(loop);
    refed = true;
    keepAlive = null;
    updateKeepAlive();
    wakeSender();
    flush();
    if (!backlog.isEmpty()) {
      inbox.signal();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  /**
   * Closes the channel: both ends emit CLOSE; later messages are dropped. Messages posted before
   * the close still reach the peer, ahead of the close itself (the outbox keeps draining as the
   * peer takes them, or on the worker's thread after its loop ended).
   */
  public void close() {
    checkInLoop();
    if (closed || moved) {
      return;
    }
    send(Envelope.signal(Envelope.Kind.CLOSE, null));
    closeLocally(true);
  }

  /** {@code keepOutbox}: a close of our own still delivers what we posted; the peer's does not. */
  private void closeLocally(boolean keepOutbox) {
    if (closed) {
      return;
    }
    closed = true;
    inbox = null;
    backlog.clear();
    if (!keepOutbox) {
      outbox.clear();
    }
    releaseKeepAlive();
    if (stream != null) {
      stream.peerGone();
    }
    owner.nextTick(() -> emit(CLOSE));
  }

  /** Keeps the loop alive while a MESSAGE listener is attached (the default, as Node). */
  public MessagePort ref() {
    checkInLoop();
    refed = true;
    if (keepAlive != null) {
      keepAlive.ref();
    }
    return this;
  }

  /** Lets the loop exit even while a MESSAGE listener is attached. */
  public MessagePort unref() {
    checkInLoop();
    refed = false;
    if (keepAlive != null) {
      keepAlive.unref();
    }
    return this;
  }

  private void updateKeepAlive() {
    boolean wanted = !closed && !moved && started();
    if (wanted && keepAlive == null) {
      keepAlive = owner.keepAlive();
      if (!refed) {
        keepAlive.unref();
      }
    } else if (!wanted) {
      releaseKeepAlive();
    }
  }

  private void releaseKeepAlive() {
    if (keepAlive != null) {
      keepAlive.close();
      keepAlive = null;
    }
  }

  /**
   * This port as a byte stream: what one end writes, the other end's {@code stream()} reads, with
   * backpressure across the threads (the reader grants its high-water mark in credits; the
   * writer's {@code write} returns false once they are spent and its own buffer is full).
   * Created once per port; both ends must call it. Default mark 64 KiB.
   */
  public Duplex<ByteBuffer, ByteBuffer> stream() {
    return stream(64 * 1024);
  }

  /** {@link #stream()} with a reading window (and writable mark) of {@code highWaterMark} bytes. */
  public Duplex<ByteBuffer, ByteBuffer> stream(long highWaterMark) {
    checkUsable("stream");
    if (stream == null) {
      stream = new PortStream(this, highWaterMark);
      updateKeepAlive();
      Handoff<Envelope> h = inbox;
      if (h != null) {
        h.signal();
      }
    }
    return stream;
  }

  void streamClosed() {
    streamDone = true;
    updateKeepAlive();
  }

  private void checkUsable(String method) {
    EventLoop here = EventLoop.currentOrNull();
    if (moved || (here != null && here == movedFrom && here != owner)) {
      throw StreamException.invalidState("MessagePort was transferred; " + method + " is not allowed");
    }
    checkInLoop();
  }

  private void checkInLoop() {
    owner.checkInLoop(this);
  }

  @Override
  public String toString() {
    return "MessagePort[" + (closed ? "closed" : moved ? "moving" : owner.name()) + "]";
  }
}
