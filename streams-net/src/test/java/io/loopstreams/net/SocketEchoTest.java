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

/** An echo server on 127.0.0.1 (Node's test-net-pingpong / test-net-connect-buffer, in our words). */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketEchoTest {

  @Test
  void echoReturnsEveryByteThenBothSidesEndAndClose() {
    List<String> events = new ArrayList<>();
    List<String> serverEvents = new ArrayList<>();
    ByteArrayOutputStream[] got = new ByteArrayOutputStream[1];
    long[] counters = new long[4];
    NetTestSupport.withServer(ServerOptions.defaults(), s -> {
      serverEvents.add("connection " + s.remoteAddress());
      s.on(Stream.END, () -> serverEvents.add("end"));
      s.on(Stream.CLOSE, () -> {
        serverEvents.add("close");
        counters[2] = s.bytesRead();
        counters[3] = s.bytesWritten();
      });
      s.pipe(s);
    }, (server, port) -> {
      Socket c = Net.connect(HOST, port, SocketOptions.defaults());
      c.on(Socket.CONNECT, () -> events.add("connect"));
      c.on(Socket.READY, () -> events.add("ready"));
      c.on(Stream.FINISH, () -> events.add("finish"));
      c.on(Stream.END, () -> events.add("end"));
      c.on(Stream.CLOSE, () -> {
        events.add("close");
        counters[0] = c.bytesRead();
        counters[1] = c.bytesWritten();
        server.close();
      });
      got[0] = collect(c);
      c.write(text("hello "));
      c.end(text("world"));
    });
    assertEquals("hello world", got[0].toString(StandardCharsets.UTF_8));
    // Node prints connect,ready,finish,end,close; FINISH (our FIN sent) and END (the echo's FIN
    // received) race here, since the FIN's completion hops back from Netty's thread.
    assertEquals(List.of("connect", "ready"), events.subList(0, 2));
    assertEquals(List.of("end", "finish"), events.subList(2, 4).stream().sorted().toList());
    assertEquals("close", events.get(4));
    assertEquals(List.of("connection 127.0.0.1", "end", "close"), serverEvents);
    assertEquals(List.of(11L, 11L, 11L, 11L), List.of(counters[0], counters[1], counters[2], counters[3]));
  }
}
