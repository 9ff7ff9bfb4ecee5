package io.loopstreams.net;

import static io.loopstreams.net.NetTestSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Node's test-net-socket-timeout: TIMEOUT after idleness, without closing the socket. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketTimeoutTest {

  @Test
  void anIdleSocketEmitsTimeoutAndStaysOpenUntilDestroyed() {
    List<String> events = new ArrayList<>();
    long[] idle = new long[1];
    NetTestSupport.withServer(ServerOptions.defaults(), s -> s.resume(), (server, port) -> {
      Socket c = Net.connect(HOST, port, SocketOptions.defaults());
      c.on(Socket.READY, () -> {
        long start = server.loop().now();
        c.setTimeout(100, () -> {
          idle[0] = server.loop().now() - start;
          events.add("timeout destroyed=" + c.destroyed());
          c.destroy();
        });
      });
      c.on(Stream.CLOSE, () -> {
        events.add("close");
        server.close();
      });
    });
    assertEquals(List.of("timeout destroyed=false", "close"), events);
    assertTrue(idle[0] >= 100 && idle[0] < 5_000, "timed out after " + idle[0] + " ms");
  }
}
