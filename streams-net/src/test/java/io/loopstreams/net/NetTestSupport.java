package io.loopstreams.net;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/** Shared helpers of the net tests: a loop with a listening server, text chunks, collected bytes. */
final class NetTestSupport {

  static final String HOST = "127.0.0.1";

  private NetTestSupport() {
  }

  static ByteBuffer text(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Collects everything a readable delivers (flowing mode). */
  static ByteArrayOutputStream collect(Readable<ByteBuffer> in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.onData(b -> {
      byte[] a = new byte[b.remaining()];
      b.duplicate().get(a);
      out.write(a, 0, a.length);
    });
    return out;
  }

  /**
   * Runs a loop with {@code server} listening on 127.0.0.1; {@code client} gets the loop and the
   * port once it is bound. Returns when the loop has nothing left to do.
   */
  static void withServer(ServerOptions options, java.util.function.Consumer<Socket> onConnection,
      BiConsumer<Server, Integer> client) {
    EventLoop.run(loop -> {
      Server server = Net.createServer(options, onConnection);
      server.listen(0, HOST).thenAccept(addr -> client.accept(server, addr.getPort()));
    });
  }

  /** What {@link #echoClients} counted: clients still open, echoed intact, failed. */
  static final class EchoCount {
    int open;
    int echoed;
    int failed;
  }

  /**
   * Opens {@code connections} clients to the echo server on {@code port}: each sends {@code size}
   * bytes of its own fill value and ends; it counts as echoed when exactly those bytes came back
   * before CLOSE. {@code server} is closed once the last client has closed.
   */
  static EchoCount echoClients(Server server, int port, int connections, int size) {
    EchoCount count = new EchoCount();
    count.open = connections;
    for (int i = 0; i < connections; i++) {
      byte fill = (byte) i;
      Socket c = Net.connect(HOST, port, SocketOptions.defaults());
      long[] got = {0};
      boolean[] intact = {true};
      c.onData(b -> {
        for (int k = b.position(); k < b.limit(); k++) {
          intact[0] &= b.get(k) == fill;
        }
        got[0] += b.remaining();
      });
      c.on(Stream.ERROR, e -> count.failed++);
      c.on(Stream.CLOSE, () -> {
        if (got[0] == size && intact[0]) {
          count.echoed++;
        }
        if (--count.open == 0) {
          server.close();
        }
      });
      ByteBuffer payload = ByteBuffer.allocate(size);
      while (payload.hasRemaining()) {
        payload.put(fill);
      }
      c.end(payload.flip());
    }
    return count;
  }
}
