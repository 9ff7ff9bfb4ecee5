package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoServerTest {

  @Test
  void echoesEveryByteOfOneConnectionThenStopsWithOnce() throws Exception {
    byte[] data = new byte[1_000_000]; // more than the socket buffers: backpressure on both sides
    new Random(3).nextBytes(data);
    try (RunningExample server = new RunningExample(EchoServer.class, "0", "--once")) {
      int port = server.readListeningPort();
      byte[] echoed;
      int localPort;
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
        localPort = client.getLocalPort();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
          try {
            OutputStream out = client.getOutputStream();
            out.write(data);
            client.shutdownOutput(); // FIN: the server's pipe ends its side after the last byte
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, r -> new Thread(r, "echo-writer").start());
        echoed = client.getInputStream().readAllBytes();
        writer.get(30, TimeUnit.SECONDS);
      }
      assertArrayEquals(data, echoed);
      assertEquals(new ExampleRun(0, "listening on 127.0.0.1:" + port + "\n"
          + "127.0.0.1:" + localPort + " closed after echoing 1000000 bytes\n", ""), server.finish());
    }
  }

  @Test
  void secondsStopsAnIdleServerByItself() throws Exception {
    try (RunningExample server = new RunningExample(EchoServer.class, "0", "--seconds", "1")) {
      int port = server.readListeningPort();
      assertEquals(new ExampleRun(0, "listening on 127.0.0.1:" + port + "\n", ""), server.finish());
    }
  }

  @Test
  void aPortInUseReportsEaddrinuseAndExitsOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertEquals(new ExampleRun(1, "", "EchoServer: listen EADDRINUSE: address already in use 127.0.0.1:" + port + "\n"),
          ExampleRun.of(EchoServer.class, String.valueOf(port), "--once"));
    }
  }
}
