package io.loopstreams.net.internal;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/**
 * Reports an accepted connection's failed TLS handshake, which never becomes a socket: Reactor
 * Netty hands a secure connection over only once its handshake succeeded. Netty thread.
 */
final class HandshakeWatch {

  private HandshakeWatch() {
  }

  /** Watches {@code channel}'s handshake, if it has one. */
  static void watch(Channel channel, BiConsumer<Throwable, InetSocketAddress> failed) {
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    if (ssl == null) {
      return;
    }
    ssl.handshakeFuture().addListener(f -> {
      if (!f.isSuccess()) {
        failed.accept(f.cause(), (InetSocketAddress) channel.remoteAddress());
      }
    });
  }
}
