package io.loopstreams.net;

import static io.loopstreams.net.NetTestSupport.HOST;
import static io.loopstreams.net.NetTestSupport.collect;
import static io.loopstreams.net.NetTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Half-close (Node's test-net-allow-half-open and test-net-socket-end-before-connect, in our
 * words): a FIN ends the peer's readable side; with allowHalfOpen the peer may still write; without
 * it the peer ends its own side after END.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketHalfCloseTest {

  @Test
  void clientFinLetsAHalfOpenServerAnswerAfterEnd() {
    List<String> server = new ArrayList<>();
    ByteArrayOutputStream[] reply = new ByteArrayOutputStream[1];
    NetTestSupport.withServer(ServerOptions.defaults().allowHalfOpen(true), s -> {
      ByteArrayOutputStream request = collect(s);
      s.on(Stream.END, () -> {
        server.add("end writable=" + s.isWritable());
        // The request is complete only now; answer it on the still-open writable side.
        s.end(text("got " + request.toString(StandardCharsets.UTF_8)));
      });
      s.on(Stream.FINISH, () -> server.add("finish"));
      s.on(Stream.CLOSE, () -> server.add("close"));
    }, (srv, port) -> {
      Socket c = Net.connect(HOST, port, SocketOptions.defaults().allowHalfOpen(true));
      reply[0] = collect(c);
      c.on(Stream.CLOSE, srv::close);
      c.end(text("question"));
    });
    assertEquals("got question", reply[0].toString(StandardCharsets.UTF_8));
    assertEquals(List.of("end writable=true", "finish", "close"), server);
  }

  @Test
  void serverFinEndsTheClientWhichThenEndsItsOwnSide() {
    List<String> client = new ArrayList<>();
    NetTestSupport.withServer(ServerOptions.defaults().allowHalfOpen(true), s -> {
      s.resume();
      s.end(text("bye"));
    }, (srv, port) -> {
      Socket c = Net.connect(HOST, port, SocketOptions.defaults());
      ByteArrayOutputStream got = collect(c);
      c.on(Stream.END, () -> client.add("end " + got.toString(StandardCharsets.UTF_8)));
      c.on(Stream.FINISH, () -> client.add("finish"));
      c.on(Stream.CLOSE, () -> {
        client.add("close");
        srv.close();
      });
    });
    // allowHalfOpen false (Node's default): END, then the automatic end() sends our FIN.
    assertEquals(List.of("end bye", "finish", "close"), client);
  }

  @Test
  void endBeforeConnectStillConnectsSendsAndCloses() {
    ByteArrayOutputStream[] received = new ByteArrayOutputStream[1];
    List<String> client = new ArrayList<>();
    NetTestSupport.withServer(ServerOptions.defaults(), s -> {
      received[0] = collect(s);
      s.on(Stream.CLOSE, () -> { });
    }, (srv, port) -> {
      Socket c = Net.connect(HOST, port, SocketOptions.defaults());
      c.end(text("early"));
      client.add("connecting=" + c.connecting());
      c.resume();
      c.on(Stream.CLOSE, () -> {
        client.add("close");
        srv.close();
      });
    });
    assertEquals("early", received[0].toString(StandardCharsets.UTF_8));
    assertEquals(List.of("connecting=true", "close"), client);
  }
}
