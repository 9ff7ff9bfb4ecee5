package io.loopstreams.net;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Readable;
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
}
