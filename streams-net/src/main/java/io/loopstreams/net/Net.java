package io.loopstreams.net;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.LoopGroup;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Node's {@code net} (and the socket half of {@code tls}): TCP servers and client sockets as
 * loop-owned streams on Reactor Netty. Like every stream constructor of the project, the owning
 * loop is the calling thread's loop ({@link EventLoop#current()}), or given explicitly.
 *
 * <pre>{@code
 * EventLoop.run(loop -> {
 *   Server server = Net.createServer(ServerOptions.defaults(), socket -> socket.pipe(socket));
 *   server.listen(0, "127.0.0.1").thenAccept(addr -> {
 *     Socket client = Net.connect("127.0.0.1", addr.getPort(), SocketOptions.defaults());
 *     client.end(ByteBuffer.wrap("hello".getBytes()));
 *   });
 * });
 * }</pre>
 *
 * <p>Failures are {@link NetException}s with Node's code, syscall, address and port
 * ({@code connect ECONNREFUSED 127.0.0.1:1}), or {@link TlsException}s with OpenSSL's codes.
 */
public final class Net {

  private Net() {
  }

  private static EventLoop loop() {
    EventLoop loop = EventLoop.current();
    if (loop == null) {
      throw new IllegalStateException("no event loop on thread " + Thread.currentThread().getName()
          + ": call Net inside EventLoop.run or pass the loop explicitly");
    }
    return loop;
  }

  /** A server on the current loop; {@code onConnection} (may be null) listens to CONNECTION. */
  public static Server createServer(ServerOptions options, Consumer<Socket> onConnection) {
    return createServer(loop(), options, onConnection);
  }

  /** A server owned by {@code loop} (call on that loop's thread). */
  public static Server createServer(EventLoop loop, ServerOptions options, Consumer<Socket> onConnection) {
    return new Server(loop, options, onConnection);
  }

  /**
   * A server on every loop of {@code group}, all on one port ({@code SO_REUSEPORT}): each
   * connection is served by the loop that accepted it. Callable from any thread.
   */
  public static GroupServer createServer(LoopGroup group, ServerOptions options, Consumer<Socket> onConnection) {
    return new GroupServer(group, options, onConnection);
  }

  /** A TLS server ({@code tls.createServer}): {@code options} with {@code tls}. */
  public static Server createSecureServer(TlsOptions tls, ServerOptions options, Consumer<Socket> onConnection) {
    return createServer(loop(), options.tls(Objects.requireNonNull(tls, "tls")), onConnection);
  }

  /** Connects to {@code host:port} from the current loop; CONNECT then READY follow. */
  public static Socket connect(String host, int port, SocketOptions options) {
    return connect(loop(), host, port, options);
  }

  /** Connects from {@code loop} (call on that loop's thread). */
  public static Socket connect(EventLoop loop, String host, int port, SocketOptions options) {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw io.loopstreams.core.StreamException.outOfRange("port", ">= 0 and <= 65535", port);
    }
    return new Socket(loop, host, port, SocketOptions.require(options));
  }

  /** A TLS connection ({@code tls.connect}), verifying the server unless told otherwise. */
  public static Socket connectSecure(String host, int port, TlsOptions tls, SocketOptions options) {
    return connect(loop(), host, port, options.tls(Objects.requireNonNull(tls, "tls")));
  }
}
