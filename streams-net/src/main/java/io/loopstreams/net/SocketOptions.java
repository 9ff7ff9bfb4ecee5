package io.loopstreams.net;

import io.loopstreams.core.StreamException;
import io.loopstreams.core.stream.QueuingStrategy;
import java.util.Objects;

/**
 * Options of a {@link Socket}, Node's {@code net.connect} options as an immutable value:
 * {@code SocketOptions.defaults().allowHalfOpen(true).highWaterMark(1 << 20)}.
 *
 * <p>Defaults: marks 64 KiB (the project's byte-stream default; Node 20 uses 16 KiB for sockets),
 * {@code allowHalfOpen} false, {@code noDelay} false (Nagle on, as Node), {@code keepAlive} false,
 * no idle timeout, plain TCP (set {@link #tls} for TLS).
 */
public final class SocketOptions {

  private static final SocketOptions DEFAULTS = new SocketOptions(QueuingStrategy.bytes().highWaterMark(),
      QueuingStrategy.bytes().highWaterMark(), false, false, false, 0, null, null);

  private final long readableHighWaterMark;
  private final long writableHighWaterMark;
  private final boolean allowHalfOpen;
  private final boolean noDelay;
  private final boolean keepAlive;
  private final long timeoutMillis;
  private final TlsOptions tls;
  private final String name;

  private SocketOptions(long readableHighWaterMark, long writableHighWaterMark, boolean allowHalfOpen,
      boolean noDelay, boolean keepAlive, long timeoutMillis, TlsOptions tls, String name) {
    this.readableHighWaterMark = readableHighWaterMark;
    this.writableHighWaterMark = writableHighWaterMark;
    this.allowHalfOpen = allowHalfOpen;
    this.noDelay = noDelay;
    this.keepAlive = keepAlive;
    this.timeoutMillis = timeoutMillis;
    this.tls = tls;
    this.name = name;
  }

  public static SocketOptions defaults() {
    return DEFAULTS;
  }

  /** Both marks, in bytes. */
  public SocketOptions highWaterMark(long mark) {
    return readableHighWaterMark(mark).writableHighWaterMark(mark);
  }

  /** The inbound mark: reading from the network stops while this many bytes wait for the consumer. */
  public SocketOptions readableHighWaterMark(long mark) {
    return new SocketOptions(positive("readableHighWaterMark", mark), writableHighWaterMark, allowHalfOpen,
        noDelay, keepAlive, timeoutMillis, tls, name);
  }

  /** The outbound mark: {@code write()} returns false while this many bytes are not yet in the kernel. */
  public SocketOptions writableHighWaterMark(long mark) {
    return new SocketOptions(readableHighWaterMark, positive("writableHighWaterMark", mark), allowHalfOpen,
        noDelay, keepAlive, timeoutMillis, tls, name);
  }

  /** Whether the writable side stays open after the peer's FIN (Node's default: false). */
  public SocketOptions allowHalfOpen(boolean on) {
    return new SocketOptions(readableHighWaterMark, writableHighWaterMark, on, noDelay, keepAlive,
        timeoutMillis, tls, name);
  }

  /** TCP_NODELAY: disables Nagle's algorithm. */
  public SocketOptions noDelay(boolean on) {
    return new SocketOptions(readableHighWaterMark, writableHighWaterMark, allowHalfOpen, on, keepAlive,
        timeoutMillis, tls, name);
  }

  /** SO_KEEPALIVE. */
  public SocketOptions keepAlive(boolean on) {
    return new SocketOptions(readableHighWaterMark, writableHighWaterMark, allowHalfOpen, noDelay, on,
        timeoutMillis, tls, name);
  }

  /** Idle time after which {@link Socket#TIMEOUT} is emitted; 0 disables it. */
  public SocketOptions timeout(long millis) {
    if (millis < 0) {
      throw StreamException.outOfRange("timeout", ">= 0", millis);
    }
    return new SocketOptions(readableHighWaterMark, writableHighWaterMark, allowHalfOpen, noDelay, keepAlive,
        millis, tls, name);
  }

  /** Connects with TLS (Node's {@code tls.connect}); null for plain TCP. */
  public SocketOptions tls(TlsOptions options) {
    return new SocketOptions(readableHighWaterMark, writableHighWaterMark, allowHalfOpen, noDelay, keepAlive,
        timeoutMillis, options, name);
  }

  /** A name for snapshots and messages. */
  public SocketOptions name(String streamName) {
    return new SocketOptions(readableHighWaterMark, writableHighWaterMark, allowHalfOpen, noDelay, keepAlive,
        timeoutMillis, tls, streamName);
  }

  private static long positive(String what, long mark) {
    if (mark < 1) {
      throw StreamException.outOfRange(what, ">= 1", mark);
    }
    return mark;
  }

  public long readableHighWaterMark() {
    return readableHighWaterMark;
  }

  public long writableHighWaterMark() {
    return writableHighWaterMark;
  }

  public boolean allowHalfOpen() {
    return allowHalfOpen;
  }

  public boolean noDelay() {
    return noDelay;
  }

  public boolean keepAlive() {
    return keepAlive;
  }

  public long timeout() {
    return timeoutMillis;
  }

  /** The TLS options, or null for plain TCP. */
  public TlsOptions tls() {
    return tls;
  }

  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "SocketOptions[marks=" + readableHighWaterMark + "/" + writableHighWaterMark + ", allowHalfOpen="
        + allowHalfOpen + ", noDelay=" + noDelay + ", keepAlive=" + keepAlive + ", timeout=" + timeoutMillis
        + ", tls=" + (tls != null) + "]";
  }

  static SocketOptions require(SocketOptions options) {
    return Objects.requireNonNull(options, "options");
  }
}
