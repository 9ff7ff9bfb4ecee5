package io.loopstreams.net;

import io.loopstreams.core.StreamException;
import java.util.Objects;

/**
 * Options of a {@link Server} (Node's {@code net.createServer} options), immutable. The accepted
 * sockets take their marks, {@code allowHalfOpen}, {@code noDelay} and {@code keepAlive} from
 * {@link #connections()}.
 *
 * <p>Defaults: accept backlog 16,384 (Node: 511; the kernel caps it at {@code net.core.somaxconn}),
 * so 10,000 simultaneous connects are queued rather than refused; the socket defaults of
 * {@link SocketOptions#defaults()}; plain TCP.
 */
public final class ServerOptions {

  public static final int DEFAULT_BACKLOG = 16_384;

  private static final ServerOptions DEFAULTS = new ServerOptions(DEFAULT_BACKLOG, SocketOptions.defaults(), null, false);

  private final int backlog;
  private final SocketOptions connections;
  private final TlsOptions tls;
  private final boolean reusePort;

  private ServerOptions(int backlog, SocketOptions connections, TlsOptions tls, boolean reusePort) {
    this.backlog = backlog;
    this.connections = connections;
    this.tls = tls;
    this.reusePort = reusePort;
  }

  public static ServerOptions defaults() {
    return DEFAULTS;
  }

  /** The listen backlog: connections the kernel queues before they are accepted. */
  public ServerOptions backlog(int n) {
    if (n < 1) {
      throw StreamException.outOfRange("backlog", ">= 1", n);
    }
    return new ServerOptions(n, connections, tls, reusePort);
  }

  /** Options of every accepted socket (their {@code tls} is ignored: see {@link #tls}). */
  public ServerOptions connections(SocketOptions options) {
    return new ServerOptions(backlog, Objects.requireNonNull(options, "options"), tls, reusePort);
  }

  /** Shorthand for {@code connections(connections().allowHalfOpen(on))}. */
  public ServerOptions allowHalfOpen(boolean on) {
    return connections(connections.allowHalfOpen(on));
  }

  /** Serves TLS (Node's {@code tls.createServer}); null for plain TCP. */
  public ServerOptions tls(TlsOptions options) {
    return new ServerOptions(backlog, connections, options, reusePort);
  }

  /**
   * Node's {@code reusePort}: {@code SO_REUSEPORT}, so several servers (one per loop of a
   * {@link GroupServer}) bind the same port and the kernel spreads connections among them.
   * Linux with the native epoll transport only; elsewhere the second bind fails with EADDRINUSE.
   */
  public ServerOptions reusePort(boolean on) {
    return new ServerOptions(backlog, connections, tls, on);
  }

  public boolean reusePort() {
    return reusePort;
  }

  public int backlog() {
    return backlog;
  }

  public SocketOptions connections() {
    return connections;
  }

  public TlsOptions tls() {
    return tls;
  }
}
