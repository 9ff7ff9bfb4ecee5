package io.loopstreams.net;

import io.loopstreams.core.Event;
import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.LoopHandle;
import io.loopstreams.core.Promise;
import io.loopstreams.core.StreamException;
import io.loopstreams.net.internal.ChannelLink;
import io.loopstreams.net.internal.ChannelLink.Active;
import io.loopstreams.net.internal.LoopBridge;
import io.loopstreams.net.internal.NetErrors;
import io.loopstreams.net.internal.TlsContexts;
import io.loopstreams.net.internal.Transports;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Consumer;
import reactor.netty.DisposableServer;

/**
 * Node's {@code net.Server}: accepts TCP (or TLS) connections and hands each one, as a
 * {@link Socket} owned by this server's loop, to the connection listener. Made by
 * {@link Net#createServer}.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   NEW ─listen()→ BINDING ─bound→ LISTENING (event, promise resolved) ─close()→ CLOSING
 *                          ─failed→ promise rejected (EADDRINUSE ...); ERROR if a listener is registered
 *   CLOSING: accepts nothing more; CLOSE once the last open connection has closed
 * </pre>
 * A listening server keeps its loop alive. Connections beyond {@link #maxConnections(int)} are
 * closed as soon as they arrive.
 *
 * <h2>Differences from Node</h2>
 * {@code listen} returns a promise of the bound address instead of taking a callback, and
 * reports failure through it (ERROR is emitted only when someone listens). {@code close()}
 * takes no callback: listen to {@link #CLOSE}. {@link #getConnections()} answers synchronously.
 */
public final class Server extends EventEmitter {

  /** The server is bound; the payload is the bound address. */
  public static final Event<InetSocketAddress> LISTENING = Event.of("listening");
  /** A connection was accepted (after the connection listener ran). */
  public static final Event<Socket> CONNECTION = Event.of("connection");
  /** The server stopped accepting and its last connection closed. */
  public static final Event<Void> CLOSE = Event.of("close");
  /**
   * Node's {@code tlsClientError}: a TLS connection failed its handshake (no client certificate
   * where one is required, plain TCP, a protocol the server refuses) and was closed; it never
   * became a {@link Socket}.
   */
  public static final Event<TlsClientError> TLS_CLIENT_ERROR = Event.of("tlsClientError");

  /** A connection that failed its TLS handshake: Node's error and the peer's address. */
  public record TlsClientError(RuntimeException error, InetSocketAddress remoteAddress) {
  }

  private record Bound(DisposableServer server) {
  }

  private record BindFailed(Throwable error) {
  }

  private record HandshakeFailed(Throwable error, InetSocketAddress remote) {
  }

  // immutable
  private final EventLoop loop;
  private final ServerOptions options;
  private final LoopBridge bridge;

  // loop thread only
  private DisposableServer bound;
  private InetSocketAddress address;
  private Promise.Resolvers<InetSocketAddress> listening;
  private LoopHandle keepAlive;
  private boolean closing;
  private boolean closeEmitted;
  private int connections;
  private int maxConnections = Integer.MAX_VALUE;
  private String host;
  private int port;

  Server(EventLoop loop, ServerOptions options, Consumer<Socket> onConnection) {
    this.loop = Objects.requireNonNull(loop, "loop");
    loop.checkInLoop();
    this.options = Objects.requireNonNull(options, "options");
    this.bridge = new LoopBridge(loop, this::onSignal);
    if (onConnection != null) {
      on(CONNECTION, onConnection::accept);
    }
  }

  /**
   * Binds {@code host:port} ({@code port} 0 picks a free one); the promise resolves with the bound
   * address, after LISTENING. Rejected with {@code EADDRINUSE} when the port is taken.
   */
  public Promise<InetSocketAddress> listen(int port, String host) {
    loop.checkInLoop(this);
    if (listening != null) {
      throw StreamException.invalidState("listen() was already called");
    }
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    listening = Promise.withResolvers(loop);
    keepAlive = loop.keepAlive();
    if (options.tls() == null) {
      bind(null);
    } else {
      loop.offload(() -> TlsContexts.server(options.tls()), (SslContext ctx, Throwable err) -> {
        if (err != null) {
          bridge.offer(new BindFailed(err));
        } else {
          bind(ctx);
        }
      });
    }
    return listening.promise();
  }

  private void bind(SslContext tls) {
    Transports.listen(host, port, options.backlog(), options.reusePort(), options.connections(), tls, this::newLink,
        (err, remote) -> bridge.offer(new HandshakeFailed(err, remote)), ds -> bridge.offer(new Bound(ds)), err -> bridge.offer(new BindFailed(err)));
  }

  private void onSignal(Object s) {
    if (s instanceof Bound b) {
      bound = b.server();
      address = (InetSocketAddress) bound.address();
      if (closing) {
        bound.dispose();
      }
      emit(LISTENING, address);
      listening.resolve(address);
    } else if (s instanceof HandshakeFailed h) {
      emit(TLS_CLIENT_ERROR, new TlsClientError(NetErrors.io(h.error(), "read"), h.remote()));
    } else if (s instanceof BindFailed f) {
      RuntimeException e = NetErrors.listen(f.error(), host, port);
      keepAlive.close();
      listening.reject(e);
      if (listenerCount(ERROR) > 0) {
        emit(ERROR, e);
      }
    }
  }

  /**
   * The first sink of an accepted connection's bridge; its first signal is ACTIVE, on which the
   * new socket takes the bridge over. Fields written on the Netty thread before the first offer.
   */
  private final class Accepting implements Consumer<Object> {
    LoopBridge bridge;
    ChannelLink link;

    @Override
    public void accept(Object signal) {
      if (signal instanceof Active opened) {
        onAccepted(this, opened);
      } // a refused connection's later signals (heap copies, EOF, INACTIVE) need nothing
    }
  }

  private ChannelLink newLink() {
    Accepting a = new Accepting();
    a.bridge = new LoopBridge(loop, a);
    a.link = new ChannelLink(a.bridge, options.connections().readableHighWaterMark());
    return a.link;
  }

  private void onAccepted(Accepting a, Active opened) {
    if (closing || connections >= maxConnections) {
      a.link.close(false);
      return;
    }
    Socket socket = new Socket(loop, a.bridge, a.link, opened, options.connections());
    connections++;
    socket.onClosed = () -> {
      connections--;
      maybeEmitClose();
    };
    emit(CONNECTION, socket);
  }

  /** Stops accepting; CLOSE follows once every open connection has closed. */
  public Server close() {
    loop.checkInLoop(this);
    if (closing) {
      return this;
    }
    closing = true;
    if (bound != null) {
      bound.dispose();
    }
    maybeEmitClose();
    return this;
  }

  private void maybeEmitClose() {
    if (closing && connections == 0 && !closeEmitted && (bound != null || listening == null)) {
      closeEmitted = true;
      if (keepAlive != null) {
        keepAlive.close();
      }
      loop.nextTick(() -> emit(CLOSE));
    }
  }

  /** Node's {@code maxConnections}: connections past this count are closed at once. */
  public Server maxConnections(int max) {
    loop.checkInLoop(this);
    this.maxConnections = max;
    return this;
  }

  public int maxConnections() {
    return maxConnections;
  }

  /** Open connections right now. */
  public int getConnections() {
    return connections;
  }

  /** The bound address, or null before LISTENING. */
  public InetSocketAddress address() {
    return address;
  }

  /** Whether the server is bound and accepting. */
  public boolean listening() {
    return bound != null && !closing;
  }

  public EventLoop loop() {
    return loop;
  }
}
