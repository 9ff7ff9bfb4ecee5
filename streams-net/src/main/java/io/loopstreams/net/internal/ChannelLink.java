package io.loopstreams.net.internal;

import io.loopstreams.core.Callback;
import io.loopstreams.core.buffer.BufferPool;
import io.loopstreams.core.buffer.PooledBlock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * One TCP connection's Netty side: the last handler of the channel's user section, which turns
 * inbound bytes and channel events into signals for the loop ({@link LoopBridge}), and carries
 * the loop's writes, half-close and close to the channel.
 *
 * <h2>Read flow control</h2>
 * The loop's buffered bytes ({@code loopBuffered}, published by the loop after each push) plus the
 * bytes in transit to it ({@code inTransit}) never pass the mark by more than one read: once
 * their sum reaches the mark, the Netty thread turns {@code autoRead} off before the next read
 * (Netty's read loop checks {@code isAutoRead()} between reads), so the peer's TCP window closes.
 * The loop asks to resume when the sum falls below the mark; the decision is taken again on the
 * Netty thread. Race: the loop publishes, then reads {@code readPaused}; the Netty thread sets
 * {@code readPaused}, then re-reads the sum. With volatile accesses one of them sees the other,
 * so a pause never outlives the consumer's last read.
 *
 * <p>Each inbound {@link ByteBuf} is copied and released at once, on the Netty thread: no Netty
 * buffer ever reaches the loop. The copy goes into a heap {@link ByteBuffer}, or, while the loop
 * says its socket's chunks would be adopted ({@link #pooledReads}), into the next free range of a
 * block of {@link BufferPool#shared()} (docs/buffers.md): only reads of at least {@value
 * #POOLED_READ_MIN} bytes, only while fewer than {@value #POOLED_BLOCKS_MAX} blocks are out of the
 * pool, and a block is given up at the end of each burst of reads. So ten thousand connections
 * each trickling a few bytes hold no block, and direct memory stays bounded.
 *
 * <h2>Pooled reads: who touches a block</h2>
 * The Netty thread acquires a block and fills it range by range, each range a chunk sent to the
 * loop as a {@link PooledChunk}; when the block is full, or reads switch to heap copies, or the
 * channel closes, it sends {@link BlockDone} and forgets the block. Every reference count change
 * happens on the loop, in signal order: a {@code PooledChunk} takes a chunk's reference (or none,
 * if the socket is already destroyed), a {@code BlockDone} drops the acquirer's. So the count
 * never reaches zero while the Netty thread still writes into the block, and the bytes of a chunk
 * are written before the signal that publishes it. If the loop has terminated, signals are
 * dropped and the blocks are left to the garbage collector (never reused).
 *
 * <h2>Fields</h2>
 * {@code mark}, {@code bridge}: immutable. {@code channel}: written once on the Netty thread
 * before the first signal, read by the loop after it (the bridge's queue publishes it).
 * {@code inTransit}, {@code loopBuffered}, {@code readPaused}, {@code resumeQueued}: any thread.
 */
public final class ChannelLink extends ChannelDuplexHandler {

  /** The connection is open: addresses known, reads started. */
  public record Active(InetSocketAddress local, InetSocketAddress remote) {
  }

  /** The channel reported an error (reset, TLS failure, ...). */
  public record Failed(Throwable error) {
  }

  /** A write, half-close or close request finished. */
  public record Done(Callback callback, Throwable error) {
  }

  /** Inbound bytes copied into {@code chunk}, a range of {@code block} (pooled reads). */
  public record PooledChunk(ByteBuffer chunk, PooledBlock block) {
  }

  /** The Netty thread cuts no more chunks from {@code block}: its acquirer's reference is the loop's to drop. */
  public record BlockDone(PooledBlock block) {
  }

  /** Peer FIN, and the channel closed. */
  public enum Signal { EOF, INACTIVE }

  private static final BufferPool POOL = BufferPool.shared();
  /** Reads smaller than this are heap copies: a trickle of small reads would pin whole blocks. */
  static final int POOLED_READ_MIN = 16 * 1024;
  /**
   * A new block is taken only while fewer than this many are out of the shared pool (64 MiB):
   * direct memory stays bounded whatever the number of connections; beyond it, heap copies.
   */
  static final int POOLED_BLOCKS_MAX = 64;
  private static final VarHandle IN_TRANSIT;
  private static final VarHandle RESUME_QUEUED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      IN_TRANSIT = l.findVarHandle(ChannelLink.class, "inTransit", long.class);
      RESUME_QUEUED = l.findVarHandle(ChannelLink.class, "resumeQueued", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // immutable
  private final LoopBridge bridge;
  private final long mark;
  private final Runnable resumeTask = this::resumeOnNetty;

  // written once on the Netty thread, before the first signal
  private Channel channel;

  // Netty thread only
  private boolean eofSeen;
  /** The block being filled by pooled reads, its buffer and the bytes used, or null. */
  private PooledBlock block;
  private ByteBuffer blockBuffer;
  private int blockFill;

  // any thread
  private volatile long inTransit;
  private volatile long loopBuffered;
  private volatile boolean readPaused;
  private volatile int resumeQueued;
  /** Set by the loop: whether inbound bytes go into pooled blocks. */
  private volatile boolean pooledReads;

  public ChannelLink(LoopBridge bridge, long readMark) {
    this.bridge = bridge;
    this.mark = Math.max(1, readMark);
  }

  public LoopBridge bridge() {
    return bridge;
  }

  /** Netty's write-buffer water marks for a socket whose writable mark is {@code mark}. */
  public static WriteBufferWaterMark waterMark(long mark) {
    int high = (int) Math.max(2, Math.min(mark, Integer.MAX_VALUE));
    return new WriteBufferWaterMark(high / 2, high);
  }

  // ---------------------------------------------------------------------------------------------
  // Netty thread

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    bridge.offer(new Active(address(channel.localAddress()), address(channel.remoteAddress())));
    channel.config().setAutoRead(true);
  }

  private static InetSocketAddress address(SocketAddress a) {
    return a instanceof InetSocketAddress i ? i : null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    int n = buf.readableBytes();
    Object signal;
    try {
      signal = pooled(n) ? pooledCopy(buf, n) : heapCopy(buf, n);
    } finally {
      buf.release();
    }
    long sum = (long) IN_TRANSIT.getAndAdd(this, (long) n) + n + loopBuffered;
    bridge.offer(signal);
    if (sum >= mark) {
      readPaused = true;
      channel.config().setAutoRead(false);
      resumeOnNetty(); // the loop may have emptied its buffer meanwhile (class doc: the race)
    }
  }

  /** Whether this read goes into a pooled block (see the class doc). */
  private boolean pooled(int n) {
    if (!pooledReads || n < POOLED_READ_MIN || n > POOL.blockSize()) {
      return false;
    }
    return block != null && blockBuffer.capacity() - blockFill >= n
        || POOL.outstandingBlocks() < POOLED_BLOCKS_MAX;
  }

  /**
   * The end of a burst of reads: the block is given up even if not full, so a connection that
   * goes quiet holds none; a bulk transfer fills about one per burst (16 reads of 64 KiB).
   */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    blockDone();
    ctx.fireChannelReadComplete();
  }

  private ByteBuffer heapCopy(ByteBuf buf, int n) {
    blockDone();
    ByteBuffer copy = ByteBuffer.allocate(n);
    buf.readBytes(copy);
    return copy.flip();
  }

  private PooledChunk pooledCopy(ByteBuf buf, int n) {
    if (block == null || blockBuffer.capacity() - blockFill < n) {
      blockDone();
      block = POOL.acquire(POOL.blockSize());
      blockBuffer = block.buffer();
      blockFill = 0;
    }
    ByteBuffer chunk = blockBuffer.slice(blockFill, n);
    buf.readBytes(chunk.duplicate());
    blockFill += n;
    return new PooledChunk(chunk, block);
  }

  /** Netty thread: no more chunks from the current block, if any. */
  private void blockDone() {
    if (block != null) {
      bridge.offer(new BlockDone(block));
      block = null;
      blockBuffer = null;
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    // TLS: the peer's close_notify ends its data (its FIN follows); TCP: the FIN. One EOF. Close
    // events are kept from Reactor Netty, which would close the channel on close_notify: the
    // other direction stays open (TLS 1.3 half-close, as Node's allowHalfOpen).
    if (evt instanceof ChannelInputShutdownEvent || evt == SslCloseCompletionEvent.SUCCESS) {
      if (!eofSeen) {
        eofSeen = true;
        bridge.offer(Signal.EOF);
      }
    } else if (!(evt instanceof ChannelInputShutdownReadComplete || evt instanceof SslCloseCompletionEvent)) {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    bridge.offer(new Failed(cause));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    blockDone();
    bridge.offer(Signal.INACTIVE);
    ctx.fireChannelInactive(); // Reactor Netty disposes its connection
  }

  /**
   * Read requests pass here on their way to the transport. While paused, a request from anyone
   * (Reactor Netty issues its own) is held back: the flow control cannot be undone behind its
   * back. The resume issues the read.
   */
  @Override
  public void read(ChannelHandlerContext ctx) {
    if (!readPaused) {
      ctx.read();
    }
  }

  private void resumeOnNetty() {
    resumeQueued = 0;
    if (readPaused && inTransit + loopBuffered < mark && channel.isActive()
        && !((DuplexChannel) channel).isInputShutdown()) { // nothing to read after FIN
      readPaused = false;
      channel.config().setAutoRead(true); // also issues a read()
      channel.read();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Loop thread

  /** Whether inbound bytes should go into pooled blocks (the socket's chunks would be adopted). */
  public void pooledReads(boolean on) {
    if (pooledReads != on) {
      pooledReads = on;
    }
  }

  /** After pushing a chunk of {@code n} bytes: the loop's buffer now holds {@code buffered}. */
  public void pushed(long n, long buffered) {
    loopBuffered = buffered; // before inTransit shrinks: the Netty thread never underestimates
    IN_TRANSIT.getAndAdd(this, -n);
    consumed(buffered);
  }

  /** The loop's buffer holds {@code buffered} bytes: resume reading if it fell below the mark. */
  public void consumed(long buffered) {
    loopBuffered = buffered;
    if (readPaused && buffered + inTransit < mark && (int) RESUME_QUEUED.getAndSet(this, 1) == 0) {
      channel.eventLoop().execute(resumeTask);
    }
  }

  /** Writes the chunks (wrapped, not copied) and flushes; {@code done} runs on the loop. */
  public void write(ByteBuffer[] chunks, Callback done) {
    ByteBuf buf = chunks.length == 1 ? Unpooled.wrappedBuffer(chunks[0]) : Unpooled.wrappedBuffer(chunks);
    channel.writeAndFlush(buf).addListener(f -> bridge.offer(new Done(done, f.cause())));
  }

  /** Half-close: FIN after the data written so far (TLS: close_notify first). */
  public void shutdownOutput(Callback done) {
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    if (ssl != null) {
      ssl.closeOutbound().addListener(f -> shutdown(done));
    } else {
      shutdown(done);
    }
  }

  private void shutdown(Callback done) {
    ((DuplexChannel) channel).shutdownOutput().addListener(f -> bridge.offer(new Done(done, f.cause())));
  }

  /** Closes the channel; {@code reset} sends RST instead of FIN (SO_LINGER 0). INACTIVE follows. */
  public void close(boolean reset) {
    channel.eventLoop().execute(() -> {
      if (reset && channel.isOpen()) {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
      }
      channel.close();
    });
  }

  public void setNoDelay(boolean on) {
    channel.eventLoop().execute(() -> channel.config().setOption(ChannelOption.TCP_NODELAY, on));
  }

  public void setKeepAlive(boolean on) {
    channel.eventLoop().execute(() -> channel.config().setOption(ChannelOption.SO_KEEPALIVE, on));
  }

  /** Bytes Netty holds for this channel, not yet in the kernel (tests, snapshots). */
  public long outboundPending() {
    var out = channel.unsafe().outboundBuffer();
    return out == null ? 0 : out.totalPendingWriteBytes();
  }

  /** Bytes read from the channel not yet pushed to the loop's buffer. */
  public long inTransit() {
    return inTransit;
  }
}
