package io.loopstreams.net;

import io.loopstreams.core.Callback;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.Event;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.LoopHandle;
import io.loopstreams.core.buffer.ChunkLedger;
import io.loopstreams.core.buffer.PooledBlock;
import io.loopstreams.core.stream.Duplex;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.net.internal.ChannelLink;
import io.loopstreams.net.internal.ChannelLink.Active;
import io.loopstreams.net.internal.ChannelLink.BlockDone;
import io.loopstreams.net.internal.ChannelLink.Done;
import io.loopstreams.net.internal.ChannelLink.Failed;
import io.loopstreams.net.internal.ChannelLink.PooledChunk;
import io.loopstreams.net.internal.ChannelLink.Signal;
import io.loopstreams.net.internal.LoopBridge;
import io.loopstreams.net.internal.NetErrors;
import io.loopstreams.net.internal.TlsContexts;
import io.loopstreams.net.internal.Transports;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import reactor.core.Disposable;

/**
 * Node's {@code net.Socket}: a TCP (or TLS) connection as a {@code Duplex<ByteBuffer, ByteBuffer>}
 * owned by one loop. Made by {@link Net#connect} or handed to a server's connection listener.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   CONNECTING ─connected→ OPEN: CONNECT, READY   (writes and end() issued before are queued)
 *              ─failed→ ERROR(ECONNREFUSED | ENOTFOUND | TLS code) → CLOSE
 *   OPEN ─peer FIN→ END ─(allowHalfOpen false: end())→ FIN sent → FINISH → CLOSE
 *        ─end()→ FIN sent → FINISH; END when the peer's FIN arrives → CLOSE
 *        ─peer RST→ ERROR(ECONNRESET "read ECONNRESET") → CLOSE
 *        ─destroy(err)→ channel closed (FIN) → [ERROR] → CLOSE;  resetAndDestroy(): RST instead
 * </pre>
 * CLOSE follows the channel's actual close. Every event reaches listeners on the owning loop:
 * Netty's threads only queue signals ({@code LoopBridge}).
 *
 * <h2>Backpressure</h2>
 * Inbound: once the readable buffer plus the bytes on their way to it reach the readable mark,
 * the channel stops reading ({@code autoRead} off), so the peer's TCP window closes; reading
 * resumes when the consumer takes the buffer below the mark. Outbound: a write completes when
 * Netty has handed it to the kernel, so {@code writableLength()} counts every byte not yet in the
 * kernel, {@code write()} returns false at the writable mark and DRAIN follows the flush; Netty's
 * water marks are set from the same mark. Neither side holds more than its mark plus one chunk.
 *
 * <h2>Differences from Node</h2>
 * Chunks are {@link ByteBuffer}s (no encodings). {@code CLOSE} carries no {@code hadError}:
 * test {@link #errored()}. There is no {@code LOOKUP} event, {@code connect()} reuse, or
 * {@code bufferSize}. Default marks are 64 KiB (Node 20: 16 KiB).
 */
public final class Socket extends Duplex<ByteBuffer, ByteBuffer> {

  /** The connection is established (clients only). */
  public static final Event<Void> CONNECT = Event.of("connect");
  /** Right after {@link #CONNECT}: the socket may be used. */
  public static final Event<Void> READY = Event.of("ready");
  /** The socket was idle for the {@link #setTimeout} period; it stays open. */
  public static final Event<Void> TIMEOUT = Event.of("timeout");

  // immutable
  private final LoopBridge bridge;
  private final ChannelLink link;
  private final String host;
  private final int port;
  private final Runnable checkRead = this::checkRead;
  private final LoopHandle keepAlive;

  // loop thread only
  private boolean active;
  private boolean inactive;
  /** The peer's FIN arrived (an orderly end of its side). */
  private boolean finReceived;
  private boolean reset;
  private Disposable connector;
  private ByteBuffer[] pendingWrite;
  private Callback pendingCallback;
  private Callback pendingFinal;
  private Callback closing;
  private InetSocketAddress local;
  private InetSocketAddress remote;
  private long bytesRead;
  private long bytesWritten;
  private final IdleTimer idle = new IdleTimer(this);
  /** Called once the socket has closed (a server counts its connections). */
  Runnable onClosed;
  /** Pooled chunks read and not yet delivered (docs/buffers.md). */
  private final ChunkLedger readChunks = new ChunkLedger();
  /** Pooled chunks adopted from a pipe and not yet written; released when their write is done. */
  private final ChunkLedger writtenChunks = new ChunkLedger();
  /** Writes handed to the channel whose completion has not come back. */
  private int writesInFlight;
  /** Closed with writes in flight: the adopted chunks are released when the last comes back. */
  private boolean releaseAfterWrites;

  /** A client socket: connects to {@code host:port} (TLS when the options say so). */
  Socket(EventLoop loop, String host, int port, SocketOptions options) {
    super(loop, streamOptions(options, host + ":" + port));
    this.host = host;
    this.port = port;
    this.bridge = new LoopBridge(loop, this::onSignal);
    this.link = new ChannelLink(bridge, options.readableHighWaterMark());
    this.keepAlive = loop.keepAlive();
    trackPooledChunks(readChunks);
    adoptPooledChunks(writtenChunks);
    if (options.timeout() > 0) {
      setTimeout(options.timeout());
    }
    if (options.tls() == null) {
      startConnect(options, null, null);
    } else {
      loop.offload(() -> new Secure(TlsContexts.client(options.tls()), Transports.peer(host, options.tls().servername())),
          (Secure s, Throwable err) -> {
            if (err != null) {
              destroy(err instanceof java.net.UnknownHostException ? NetErrors.connect(err, host, port) : err);
            } else if (!destroyed()) {
              startConnect(options, s.context(), s.peer());
            }
          });
    }
  }

  /** An accepted socket, taking over {@code bridge}'s signals from its server. */
  Socket(EventLoop loop, LoopBridge bridge, ChannelLink link, Active opened, SocketOptions options) {
    super(loop, streamOptions(options, "accepted " + opened.remote()));
    this.host = null;
    this.port = -1;
    this.bridge = bridge;
    this.link = link;
    this.keepAlive = loop.keepAlive();
    trackPooledChunks(readChunks);
    adoptPooledChunks(writtenChunks);
    bridge.sink(this::onSignal);
    active = true;
    local = opened.local();
    remote = opened.remote();
    if (options.timeout() > 0) {
      setTimeout(options.timeout());
    }
  }

  private static StreamOptions streamOptions(SocketOptions o, String what) {
    return StreamOptions.bytes().readableHighWaterMark(o.readableHighWaterMark())
        .writableHighWaterMark(o.writableHighWaterMark()).allowHalfOpen(o.allowHalfOpen())
        .name(o.name() != null ? o.name() : "Socket(" + what + ")");
  }

  /** What a TLS connect prepares on the offload pool: the context, and the peer for a servername. */
  private record Secure(SslContext context, java.net.InetAddress peer) {
  }

  private void startConnect(SocketOptions options, SslContext tls, java.net.InetAddress peer) {
    connector = Transports.connect(host, peer, port, options, tls, link, err -> bridge.offer(new Failed(err)));
  }

  // ---------------------------------------------------------------------------------------------
  // Signals from the channel (loop thread, via the bridge)

  private void onSignal(Object s) {
    if (s instanceof ByteBuffer chunk) {
      onData(chunk, null);
    } else if (s instanceof PooledChunk p) {
      onData(p.chunk(), p.block());
    } else if (s instanceof BlockDone b) {
      b.block().release(); // the Netty thread's reference; the chunks hold theirs
    } else if (s instanceof Done d) {
      d.callback().done(d.error());
    } else if (s == Signal.EOF) {
      finReceived = true;
      if (!destroyed()) {
        pushEnd();
        read(0); // as Node's onStreamRead: END comes even when nobody reads, once the buffer is empty
      }
    } else if (s instanceof Active a) {
      onActive(a);
    } else if (s instanceof Failed f) {
      destroy(active ? NetErrors.io(f.error(), "read") : NetErrors.connect(f.error(), host, port));
    } else if (s == Signal.INACTIVE) {
      onInactive();
    }
  }

  /** A chunk read; {@code block}: the pooled block it is a range of, or null for a heap copy. */
  private void onData(ByteBuffer chunk, PooledBlock block) {
    int n = chunk.remaining();
    bytesRead += n;
    idle.touch();
    if (destroyed()) {
      link.pushed(n, 0); // a pooled chunk took no reference: nobody sees it
      return;
    }
    if (block != null) {
      readChunks.add(chunk, block.retain());
    }
    push(chunk);
    link.pushed(n, readableLength());
    link.pooledReads(pooledChunksAdopted());
  }

  private void onActive(Active a) {
    if (destroyed()) {
      link.close(true); // the connect won the race with destroy()
      return;
    }
    active = true;
    local = a.local();
    remote = a.remote();
    if (pendingWrite != null) {
      ByteBuffer[] chunks = pendingWrite;
      pendingWrite = null;
      send(chunks, pendingCallback);
    } else if (pendingFinal != null) {
      doFinal(pendingFinal);
    }
    emit(CONNECT);
    emit(READY);
  }

  private void onInactive() {
    inactive = true;
    if (closing != null) {
      Callback c = closing;
      closing = null;
      c.done(null);
    } else if (!destroyed() && !(readableEnded() && writableEnded())) {
      // Closed under us before both sides ended. Without a FIN first (no EOF pushed) TCP only
      // ends this way by a reset: report what Node's next read would see.
      destroy(finReceived ? null : new NetException(ErrorCode.ECONNRESET, "read ECONNRESET", "read",
          null, -1, null, null));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Stream hooks

  @Override
  protected void doRead(long size) {
    if (active) {
      loop().nextTick(checkRead); // after read() has taken what it returns from the buffer
    }
  }

  private void checkRead() {
    if (!destroyed()) {
      link.pooledReads(pooledChunksAdopted());
      link.consumed(readableLength());
    }
  }

  /** A chunk dropped unseen by destroy goes back to its block (if pooled). */
  @Override
  protected void doDiscard(Object chunk) {
    readChunks.discard(chunk);
  }

  @Override
  protected void doWrite(ByteBuffer chunk, Callback callback) {
    send(new ByteBuffer[] {chunk}, callback);
  }

  @Override
  protected void doWritev(List<ByteBuffer> chunks, Callback callback) {
    send(chunks.toArray(new ByteBuffer[0]), callback);
  }

  private void send(ByteBuffer[] chunks, Callback callback) {
    if (!active) {
      pendingWrite = chunks;
      pendingCallback = callback;
      return;
    }
    long n = 0;
    for (ByteBuffer b : chunks) {
      n += b.remaining();
    }
    long bytes = n;
    writesInFlight++;
    link.write(chunks, e -> {
      writesInFlight--;
      if (!writtenChunks.isEmpty()) {
        for (ByteBuffer c : chunks) {
          writtenChunks.release(c); // the channel no longer reads it
        }
        if (releaseAfterWrites && writesInFlight == 0) {
          writtenChunks.releaseAll();
        }
      }
      if (e == null) {
        bytesWritten += bytes;
        idle.touch();
      }
      callback.done(e == null ? null : NetErrors.io(e, "write"));
    });
  }

  @Override
  protected void doFinal(Callback callback) {
    if (!active) {
      pendingFinal = callback;
      return;
    }
    link.shutdownOutput(e -> callback.done(e == null ? null : NetErrors.io(e, "shutdown")));
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    idle.stop();
    if (!active && connector != null) {
      connector.dispose(); // abandon the connect
    }
    if (active && !inactive) {
      closing = e -> afterClose(error, callback);
      link.close(reset);
    } else {
      afterClose(error, callback);
    }
  }

  private void afterClose(Throwable error, Callback callback) {
    // Adopted chunks still buffered will never be written; one in a write the channel has not
    // answered yet waits for that answer.
    if (writesInFlight == 0) {
      writtenChunks.releaseAll();
    } else {
      releaseAfterWrites = true;
    }
    keepAlive.close();
    if (onClosed != null) {
      onClosed.run();
    }
    callback.done(error);
  }

  // ---------------------------------------------------------------------------------------------
  // Public API

  /** Closes the connection with a TCP RST instead of a FIN, then destroys the stream. */
  public Socket resetAndDestroy() {
    loop().checkInLoop(this);
    reset = true;
    destroy();
    return this;
  }

  /** Emits {@link #TIMEOUT} after {@code millis} without reads or writes; 0 turns it off. */
  public Socket setTimeout(long millis) {
    loop().checkInLoop(this);
    idle.set(millis);
    return this;
  }

  /** {@link #setTimeout(long)} and a one-time TIMEOUT listener. */
  public Socket setTimeout(long millis, Runnable listener) {
    setTimeout(millis);
    once(TIMEOUT, listener);
    return this;
  }

  public Socket setNoDelay(boolean on) {
    loop().checkInLoop(this);
    if (active && !inactive) {
      link.setNoDelay(on);
    }
    return this;
  }

  public Socket setKeepAlive(boolean on) {
    loop().checkInLoop(this);
    if (active && !inactive) {
      link.setKeepAlive(on);
    }
    return this;
  }

  /** Lets the loop exit while this socket is open. */
  public Socket unref() {
    keepAlive.unref();
    return this;
  }

  public Socket ref() {
    keepAlive.ref();
    return this;
  }

  /** Whether the connection is still being established. */
  public boolean connecting() {
    return !active && !destroyed();
  }

  /** The peer's IP address as text (Node's {@code remoteAddress}), or null before connecting. */
  public String remoteAddress() {
    return remote == null ? null : remote.getAddress().getHostAddress();
  }

  public int remotePort() {
    return remote == null ? -1 : remote.getPort();
  }

  /** The peer's address, or null before connecting. */
  public InetSocketAddress remoteSocketAddress() {
    return remote;
  }

  /** This end's bound address (Node's {@code address()}), or null before connecting. */
  public InetSocketAddress address() {
    return local;
  }

  /** Bytes received from the network. */
  public long bytesRead() {
    return bytesRead;
  }

  /** Bytes handed to the kernel. */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** Bytes Netty holds for this socket beyond {@code writableLength()}'s batch in flight (tests). */
  long nettyOutboundBytes() {
    return active && !inactive ? link.outboundPending() : 0;
  }

  /** Bytes read from the channel and not yet in the readable buffer (tests). */
  long inboundInTransit() {
    return link.inTransit();
  }
}
