package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.net.Net;
import io.loopstreams.net.Server;
import io.loopstreams.net.ServerOptions;
import java.io.PrintStream;

/**
 * A TCP echo server on 127.0.0.1: {@code ./run-example EchoServer PORT [--once | --seconds N]}
 * (port 0 picks a free one; the first line printed names it). Each connection is piped into
 * itself ({@code socket.pipe(socket)}): backpressure, half-close and errors come from the
 * stream contract, with no buffering code here. {@code --once} stops after the first
 * connection closed; {@code --seconds N} after N seconds. Try it with {@code nc 127.0.0.1 PORT}.
 */
public final class EchoServer {

  private EchoServer() {
  }

  public static void main(String[] args) {
    boolean once = args.length == 2 && args[1].equals("--once");
    long seconds = args.length == 3 && args[1].equals("--seconds") ? Long.parseLong(args[2]) : -1;
    if (args.length < 1 || args.length > 1 && !once && seconds < 0) {
      System.err.println("usage: EchoServer PORT [--once | --seconds N]");
      System.exit(2);
    }
    System.exit(run(Integer.parseInt(args[0]), once, seconds, System.out, System.err) ? 0 : 1);
  }

  /** Serves until stopped as asked (forever when neither); true unless listening failed. */
  static boolean run(int port, boolean once, long seconds, PrintStream out, PrintStream err) {
    boolean[] ok = {true};
    EventLoop.run(loop -> {
      Server[] server = new Server[1];
      server[0] = Net.createServer(ServerOptions.defaults(), socket -> {
        String peer = socket.remoteAddress() + ":" + socket.remotePort();
        socket.on(Stream.ERROR, e -> err.println("EchoServer: " + peer + ": " + e.getMessage()));
        socket.on(Stream.CLOSE, () -> {
          out.println(peer + " closed after echoing " + socket.bytesWritten() + " bytes");
          if (once) {
            server[0].close();
          }
        });
        socket.pipe(socket);
      });
      server[0].listen(port, "127.0.0.1").then(address -> {
        out.println("listening on 127.0.0.1:" + address.getPort());
        if (seconds >= 0) {
          loop.setTimeout(server[0]::close, seconds * 1000);
        }
        return null;
      }, e -> {
        ok[0] = false;
        err.println("EchoServer: " + e.getMessage());
        return null;
      });
    });
    return ok[0];
  }
}
