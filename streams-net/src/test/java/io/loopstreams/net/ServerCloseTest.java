package io.loopstreams.net;

import static io.loopstreams.net.NetTestSupport.HOST;
import static io.loopstreams.net.NetTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Node's test-net-server-close and test-net-server-max-connections, in our words. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerCloseTest {

  @Test
  void closeStopsAcceptingAndEmitsCloseOnlyAfterTheLastConnection() {
    List<String> events = new ArrayList<>();
    int[] accepted = {0};
    NetTestSupport.withServer(ServerOptions.defaults(), s -> {
      accepted[0]++;
      s.resume(); // a socket nobody reads never sees the FIN as END
    }, (server, port) -> {
      server.on(Server.CLOSE, () -> events.add("server close"));
      Socket a = Net.connect(HOST, port, SocketOptions.defaults());
      Socket b = Net.connect(HOST, port, SocketOptions.defaults());
      int[] ready = {0};
      Runnable bothAccepted = () -> {
        server.close();
        events.add("closed with " + server.getConnections() + " open, listening=" + server.listening());
        Socket late = Net.connect(HOST, port, SocketOptions.defaults());
        // Refused by the kernel once the listener is gone (ECONNREFUSED), or, while the
        // unbind is still under way on Netty's thread, accepted and closed at once: never served.
        late.resume();
        late.on(Stream.ERROR, e -> late.destroy());
        late.on(Stream.CLOSE, () -> {
          events.add("late closed, accepted " + accepted[0]);
          a.end();
        });
      };
      for (Socket s : List.of(a, b)) {
        s.resume();
        s.on(Socket.READY, () -> {
          if (++ready[0] == 2) {
            whenServerCounts(server, 2, bothAccepted);
          }
        });
      }
      a.on(Stream.CLOSE, () -> {
        events.add("a closed");
        b.end();
      });
      b.on(Stream.CLOSE, () -> events.add("b closed"));
    });
    assertEquals(List.of("closed with 2 open, listening=false", "late closed, accepted 2",
        "a closed"), events.subList(0, 3));
    // The server's CLOSE (its side of b closed) and b's own CLOSE race: both must come.
    assertEquals(List.of("b closed", "server close"), events.subList(3, 5).stream().sorted().toList());
  }

  /** Runs {@code then} once the server's side of {@code n} connections exists (a few loop turns). */
  private static void whenServerCounts(Server server, int n, Runnable then) {
    server.loop().setImmediate(() -> {
      if (server.getConnections() < n) {
        whenServerCounts(server, n, then);
      } else {
        then.run();
      }
    });
  }

  @Test
  void connectionsBeyondMaxConnectionsAreClosedAtOnce() {
    List<String> events = new ArrayList<>();
    NetTestSupport.withServer(ServerOptions.defaults(), s -> s.pipe(s), (server, port) -> {
      server.maxConnections(1);
      Socket first = Net.connect(HOST, port, SocketOptions.defaults());
      first.write(text("x"));
      first.once(Stream.DATA, chunk -> {
        Socket second = Net.connect(HOST, port, SocketOptions.defaults());
        second.resume();
        second.on(Stream.END, () -> events.add("second end"));
        second.on(Stream.CLOSE, () -> {
          events.add("second close, server has " + server.getConnections());
          first.end();
        });
      });
      first.on(Stream.CLOSE, server::close);
    });
    assertEquals(List.of("second end", "second close, server has 1"), events);
  }
}
