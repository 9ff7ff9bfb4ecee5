package io.loopstreams.bench;

import io.loopstreams.core.LoopGroup;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.net.GroupServer;
import io.loopstreams.net.Net;
import io.loopstreams.net.ServerOptions;
import io.loopstreams.net.Socket;
import io.loopstreams.net.SocketOptions;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Echo throughput of a {@link GroupServer} on a group of N loops: C client connections (on a
 * separate 2-loop client group in the same JVM) each send M MiB in 64 KiB writes, honouring
 * backpressure, wait for all of it to come back, then end. One line per run (MiB/s echoed and
 * connections per second), the first run a warm-up.
 *
 * <p>Usage: {@code GroupEchoMain LOOPS [connections] [MiB per connection] [runs]} (defaults 64,
 * 16, 5).
 */
public final class GroupEchoMain {

  private static final int CHUNK = 64 * 1024;

  private GroupEchoMain() {
  }

  public static void main(String[] args) throws Exception {
    int loops = Integer.parseInt(args[0]);
    int conns = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    long perConn = (args.length > 2 ? Long.parseLong(args[2]) : 16) << 20;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    try (LoopGroup serverLoops = LoopGroup.create(loops, l -> { });
        LoopGroup clientLoops = LoopGroup.create(2, l -> { })) {
      GroupServer server = Net.createServer(serverLoops, ServerOptions.defaults(), s -> {
        s.on(Stream.ERROR, e -> System.err.println("server error: " + e));
        s.pipe(s);
      });
      InetSocketAddress addr = server.listen(0, "127.0.0.1").get(10, TimeUnit.SECONDS);
      for (int r = 0; r < runs; r++) {
        long t0 = System.nanoTime();
        CountDownLatch done = new CountDownLatch(conns);
        for (int i = 0; i < conns; i++) {
          clientLoops.next().execute(() -> echo(addr.getPort(), perConn, done));
        }
        if (!done.await(300, TimeUnit.SECONDS)) {
          throw new IllegalStateException("echo runs did not finish");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double mibs = conns * (perConn >> 20) / secs;
        System.out.printf("run %d%s: loops %d, %d connections x %d MiB: %.1f MiB/s echoed, %.0f connections/s%n",
            r + 1, r == 0 ? " (warm-up)" : "", loops, conns, perConn >> 20, mibs, conns / secs);
      }
      server.close().get(30, TimeUnit.SECONDS);
    }
  }

  /** One client connection: writes {@code total} bytes, counts the echo, ends when all came back. */
  private static void echo(int port, long total, CountDownLatch done) {
    Socket c = Net.connect("127.0.0.1", port, SocketOptions.defaults());
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    long[] sent = {0};
    long[] got = {0};
    Runnable pump = new Runnable() {
      @Override
      public void run() {
        while (sent[0] < total) {
          sent[0] += CHUNK;
          if (!c.write(chunk.duplicate())) {
            c.once(Stream.DRAIN, this);
            return;
          }
        }
      }
    };
    c.onData(b -> {
      got[0] += b.remaining();
      if (got[0] == total) {
        c.end(); // only once everything came back: see docs/net.md, half-close while echoing
      }
    });
    c.on(Stream.CLOSE, done::countDown);
    c.on(Stream.ERROR, e -> System.err.println("client error: " + e));
    pump.run();
  }
}
