package io.loopstreams.net;

import static io.loopstreams.net.NetTestSupport.HOST;
import static io.loopstreams.net.NetTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Node's socket and server errors, each checked against what Node 20 prints for the same case
 * ({@code node -e}, printing message, code, errno, syscall, address, port, hostname):
 * <pre>
 * refused  {"message":"connect ECONNREFUSED 127.0.0.1:1","code":"ECONNREFUSED","errno":-111,"syscall":"connect","address":"127.0.0.1","port":1}
 * notfound {"message":"getaddrinfo ENOTFOUND nosuch.invalid","code":"ENOTFOUND","errno":-3008,"syscall":"getaddrinfo","hostname":"nosuch.invalid"}
 * inuse    {"message":"listen EADDRINUSE: address already in use 127.0.0.1:43819","code":"EADDRINUSE","errno":-98,"syscall":"listen","address":"127.0.0.1","port":43819}
 * reset    {"message":"read ECONNRESET","code":"ECONNRESET","errno":-104,"syscall":"read"}   then close hadError true
 * </pre>
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NetErrorsTest {

  @Test
  void connectToAClosedPortFailsWithEconnrefusedThenCloses() {
    List<String> events = new ArrayList<>();
    Throwable[] error = new Throwable[1];
    EventLoop.run(loop -> {
      Socket c = Net.connect(HOST, 1, SocketOptions.defaults());
      c.on(Socket.CONNECT, () -> events.add("connect"));
      c.on(Stream.ERROR, e -> {
        events.add("error");
        error[0] = e;
      });
      c.on(Stream.CLOSE, () -> events.add("close"));
    });
    assertEquals(List.of("error", "close"), events);
    NetException e = assertInstanceOf(NetException.class, error[0]);
    assertEquals("connect ECONNREFUSED 127.0.0.1:1", e.getMessage());
    assertEquals(ErrorCode.ECONNREFUSED, e.code());
    assertEquals(-111, e.errno());
    assertEquals("connect", e.syscall());
    assertEquals("127.0.0.1", e.address());
    assertEquals(1, e.port());
  }

  @Test
  void connectToAnUnknownHostFailsWithEnotfound() {
    Throwable[] error = new Throwable[1];
    EventLoop.run(loop -> Net.connect("nosuch.invalid", 80, SocketOptions.defaults())
        .on(Stream.ERROR, e -> error[0] = e));
    NetException e = assertInstanceOf(NetException.class, error[0]);
    assertEquals("getaddrinfo ENOTFOUND nosuch.invalid", e.getMessage());
    assertEquals(ErrorCode.ENOTFOUND, e.code());
    assertEquals(-3008, e.errno());
    assertEquals("getaddrinfo", e.syscall());
    assertEquals("nosuch.invalid", e.hostname());
  }

  @Test
  void listenOnATakenPortRejectsWithEaddrinuseAndEmitsError() {
    Throwable[] rejected = new Throwable[1];
    Throwable[] emitted = new Throwable[1];
    int[] port = new int[1];
    EventLoop.run(loop -> {
      Server first = Net.createServer(ServerOptions.defaults(), null);
      first.listen(0, HOST).thenAccept(addr -> {
        port[0] = addr.getPort();
        Server second = Net.createServer(ServerOptions.defaults(), null);
        second.on(Server.ERROR, e -> emitted[0] = e);
        second.listen(addr.getPort(), HOST).onSettled((v, e) -> {
          rejected[0] = e;
          first.close();
        });
      });
    });
    NetException e = assertInstanceOf(NetException.class, rejected[0]);
    assertEquals("listen EADDRINUSE: address already in use 127.0.0.1:" + port[0], e.getMessage());
    assertEquals(ErrorCode.EADDRINUSE, e.code());
    assertEquals(-98, e.errno());
    assertEquals("listen", e.syscall());
    assertEquals("127.0.0.1", e.address());
    assertEquals(port[0], e.port());
    assertEquals(e, emitted[0]);
  }

  @Test
  void peerResetFailsTheSocketWithEconnresetThenCloses() {
    List<String> events = new ArrayList<>();
    Throwable[] error = new Throwable[1];
    NetTestSupport.withServer(ServerOptions.defaults(),
        s -> s.once(Stream.DATA, chunk -> s.resetAndDestroy()),
        (server, port) -> {
          Socket c = Net.connect(HOST, port, SocketOptions.defaults());
          c.on(Stream.ERROR, e -> {
            events.add("error");
            error[0] = e;
          });
          c.on(Stream.END, () -> events.add("end"));
          c.on(Stream.CLOSE, () -> {
            events.add("close");
            server.close();
          });
          c.resume();
          c.write(text("hi"));
        });
    assertEquals(List.of("error", "close"), events);
    NetException e = assertInstanceOf(NetException.class, error[0]);
    assertEquals("read ECONNRESET", e.getMessage());
    assertEquals(ErrorCode.ECONNRESET, e.code());
    assertEquals(-104, e.errno());
    assertEquals("read", e.syscall());
    assertNull(e.address());
    assertTrue(e.getCause() != null);
  }
}
