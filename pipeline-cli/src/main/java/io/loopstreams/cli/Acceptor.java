package io.loopstreams.cli;

import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Listener;
import io.loopstreams.core.Promise;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.net.Net;
import io.loopstreams.net.Server;
import io.loopstreams.net.ServerOptions;
import io.loopstreams.net.Socket;
import io.loopstreams.net.TlsOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * recv's listening side: a server (TCP, or TLS when {@code tls} is set) that takes connections
 * until one presents a valid {@link Wire} header with the right token, then stops listening and
 * hands over that connection, paused, with the bytes after the header put back in front.
 * A refused sender is logged, answered {@code ERR refused: WHY}, and drained until it ends (so
 * it reads the answer instead of a reset). Loop thread only.
 *
 * <pre>
 *   per connection: HEADER ─complete, right token, first→ ACCEPTED (server closed)
 *                          ─bad header, wrong/missing token, or another already accepted→ REFUSED (drained)
 * </pre>
 */
final class Acceptor {

  /** The sender's connection, its header, and how it is named in messages. */
  record Accepted(Socket socket, Wire.Header header, String peer) {
  }

  private final String secret;
  private final Promise.Resolvers<Accepted> accepted;
  private Server server;

  private Acceptor(EventLoop loop, String secret) {
    this.secret = secret;
    this.accepted = Promise.withResolvers(loop);
  }

  /** Listens on {@code host:port}, prints where, and settles with the first acceptable sender. */
  static Promise<Accepted> listen(EventLoop loop, String host, int port, TlsOptions tls, String secret) {
    Acceptor a = new Acceptor(loop, secret);
    ServerOptions options = ServerOptions.defaults().allowHalfOpen(true);
    a.server = Net.createServer(loop, tls == null ? options : options.tls(tls), a::connection);
    a.server.on(Server.TLS_CLIENT_ERROR, e -> logRefused(
        e.remoteAddress().getAddress().getHostAddress() + ":" + e.remoteAddress().getPort(),
        ErrorText.of(e.error(), null)));
    a.server.listen(port, host).onSettled((addr, err) -> {
      if (err != null) {
        a.accepted.reject(err);
      } else {
        System.err.println("pipeline: recv: listening on " + addr.getAddress().getHostAddress() + ":" + addr.getPort());
      }
    });
    return a.accepted.promise();
  }

  private void connection(Socket socket) {
    String peer = socket.remoteAddress() + ":" + socket.remotePort();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    boolean[] settled = new boolean[1];
    socket.on(EventEmitter.ERROR, e -> { // a failed handshake, or a sender that vanished: nothing to answer
      if (!settled[0]) {
        settled[0] = true;
        logRefused(peer, ErrorText.of(e, null));
      }
    });
    socket.on(Stream.END, () -> {
      if (!settled[0]) {
        settled[0] = true;
        refuse(socket, peer, "truncated header");
      }
    });
    socket.on(Stream.DATA, new Listener<Object>() {
      @Override
      public void on(Object chunk) {
        if (settled[0]) {
          return; // a refused sender's data, discarded
        }
        ByteBuffer b = ((ByteBuffer) chunk).duplicate();
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        head.writeBytes(copy);
        ByteArrayInputStream in = new ByteArrayInputStream(head.toByteArray());
        Wire.Header header;
        try {
          header = Wire.Header.read(in);
        } catch (EOFException incomplete) {
          return;
        } catch (IOException | CliFailure e) {
          settled[0] = true;
          refuse(socket, peer, ErrorText.of(e, null));
          return;
        }
        settled[0] = true;
        String why = check(header);
        if (why != null) {
          refuse(socket, peer, why);
          return;
        }
        socket.off(Stream.DATA, this);
        socket.pause();
        if (in.available() > 0) {
          socket.unshift(ByteBuffer.wrap(in.readAllBytes()));
        }
        server.close();
        accepted.resolve(new Accepted(socket, header, peer));
      }
    });
  }

  /** Why a complete header is refused, or null. */
  private String check(Wire.Header header) {
    if (!accepted.promise().isPending()) {
      return "busy with another sender";
    }
    if (secret != null && !secret.isEmpty() && !MessageDigest.isEqual(
        secret.getBytes(StandardCharsets.UTF_8), header.token().getBytes(StandardCharsets.UTF_8))) {
      return header.token().isEmpty() ? "missing token" : "wrong token";
    }
    return null;
  }

  private static void refuse(Socket socket, String peer, String why) {
    logRefused(peer, why);
    socket.end(ByteBuffer.wrap(("ERR refused: " + why + "\n").getBytes(StandardCharsets.UTF_8)));
  }

  /** One line on stderr per refused sender: where from, and why. */
  private static void logRefused(String peer, String why) {
    System.err.println("pipeline: recv: refused " + peer + ": " + why);
  }
}
