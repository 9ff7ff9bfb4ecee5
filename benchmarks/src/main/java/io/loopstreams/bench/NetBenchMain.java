package io.loopstreams.bench;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.Writable;
import io.loopstreams.fs.Fs;
import io.loopstreams.net.Net;
import io.loopstreams.net.ServerOptions;
import io.loopstreams.net.Socket;
import io.loopstreams.net.SocketOptions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * The loopstreams side of {@code run-net-bench.sh} (loopback only):
 * <pre>
 *   echo-server PORT             echo every connection until killed
 *   echo-clients PORT N SIZE     N concurrent connections each sending SIZE bytes and reading them back;
 *                                prints "ok=<echoed> of N"
 *   recv PORT                    accept one connection, pipe it to a discarding stream, exit
 *   send FILE PORT               pipe FILE into a connection to PORT, exit
 * </pre>
 */
public final class NetBenchMain {

  private NetBenchMain() {
  }

  public static void main(String[] args) {
    switch (args[0]) {
      case "echo-server" -> EventLoop.run(loop -> Net.createServer(ServerOptions.defaults(), s -> s.pipe(s))
          .listen(Integer.parseInt(args[1]), "127.0.0.1"));
      case "echo-clients" -> echoClients(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "recv" -> EventLoop.run(loop -> {
        var server = Net.createServer(ServerOptions.defaults(), null);
        server.on(io.loopstreams.net.Server.CONNECTION, s -> {
          server.close();
          Pipeline.run(List.of(s, discard()), e -> {
            if (e != null) {
              throw new IllegalStateException(e);
            }
          });
        });
        server.listen(Integer.parseInt(args[1]), "127.0.0.1");
      });
      case "send" -> EventLoop.run(loop -> {
        Socket s = Net.connect("127.0.0.1", Integer.parseInt(args[2]), SocketOptions.defaults());
        Pipeline.run(List.of(Fs.createReadStream(Path.of(args[1])), s), e -> {
          if (e != null) {
            throw new IllegalStateException(e);
          }
        });
      });
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static Stream discard() {
    return new Writable<ByteBuffer>(io.loopstreams.core.stream.StreamOptions.bytes()) {
      @Override
      protected void doWrite(ByteBuffer chunk, io.loopstreams.core.Callback callback) {
        callback.done(null);
      }
    };
  }

  private static void echoClients(int port, int n, int size) {
    int[] ok = {0};
    EventLoop.run(loop -> {
      for (int i = 0; i < n; i++) {
        Socket c = Net.connect("127.0.0.1", port, SocketOptions.defaults());
        long[] got = {0};
        c.onData(b -> got[0] += b.remaining());
        c.on(Stream.ERROR, e -> { });
        c.on(Stream.CLOSE, () -> {
          if (got[0] == size) {
            ok[0]++;
          }
        });
        c.end(ByteBuffer.allocate(size));
      }
    });
    System.out.println("ok=" + ok[0] + " of " + n);
  }
}
