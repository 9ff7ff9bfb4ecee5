package io.loopstreams.net.internal;

import io.loopstreams.net.SocketOptions;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * Reactor Netty's {@link TcpServer}/{@link TcpClient}, configured for loop-owned sockets: the
 * channel options from {@link SocketOptions}, half-closure allowed (so a FIN is an event, not a
 * close), Netty's write-buffer water marks from the writable mark, optional TLS through
 * {@code secure()}, and a {@link ChannelLink} as the last user handler of every connection.
 * Native epoll is used when it loads (Reactor Netty's default), NIO otherwise.
 */
public final class Transports {

  private static final String LINK = "loopstreams.link";

  private Transports() {
  }

  /** Binds a server; {@code linkFor} makes the link of each accepted connection (Netty thread). */
  public static Disposable listen(String host, int port, int backlog, boolean reusePort, SocketOptions o,
      SslContext tls,
      java.util.function.Supplier<ChannelLink> linkFor, BiConsumer<Throwable, InetSocketAddress> handshakeFailed,
      Consumer<DisposableServer> bound, Consumer<Throwable> failed) {
    TcpServer server = TcpServer.create().host(host).port(port)
        .option(ChannelOption.SO_BACKLOG, backlog)
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(EpollChannelOption.SO_REUSEPORT, reusePort)
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .childOption(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
        .childOption(ChannelOption.TCP_NODELAY, o.noDelay())
        .childOption(ChannelOption.SO_KEEPALIVE, o.keepAlive())
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, ChannelLink.waterMark(o.writableHighWaterMark()))
        .doOnConnection(conn -> conn.addHandlerLast(LINK, linkFor.get()))
        .handle((in, out) -> Mono.never());
    if (tls != null) {
      server = server.secure(spec -> spec.sslContext(tls))
          .doOnChannelInit((observer, channel, remote) -> HandshakeWatch.watch(channel, handshakeFailed));
    }
    return server.bind().subscribe(bound, failed);
  }

  /**
   * The address to connect to for {@code host} when TLS must verify {@code servername} instead:
   * the resolved address carrying the server name, which Reactor Netty hands to the SSL engine as
   * its peer host (SNI and the JDK's host name check). Null without a server name. Blocking (DNS).
   */
  public static InetAddress peer(String host, String servername) throws UnknownHostException {
    return servername == null ? null : InetAddress.getByAddress(servername, InetAddress.getByName(host).getAddress());
  }

  /**
   * Connects to {@code host:port} (or to {@code peer}, from {@link #peer}, when not null); the link
   * is added once the connection (and its TLS handshake) is up.
   */
  public static Disposable connect(String host, InetAddress peer, int port, SocketOptions o, SslContext tls,
      ChannelLink link, Consumer<Throwable> failed) {
    TcpClient client = TcpClient.newConnection()
        .remoteAddress(() -> peer != null ? new InetSocketAddress(peer, port) : InetSocketAddress.createUnresolved(host, port))
        .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
        .option(ChannelOption.TCP_NODELAY, o.noDelay())
        .option(ChannelOption.SO_KEEPALIVE, o.keepAlive())
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, ChannelLink.waterMark(o.writableHighWaterMark()))
        .doOnConnected(conn -> conn.addHandlerLast(LINK, link));
    if (tls != null) {
      client = client.secure(spec -> spec.sslContext(tls));
    }
    return client.connect().subscribe((Connection c) -> { }, failed);
  }
}
