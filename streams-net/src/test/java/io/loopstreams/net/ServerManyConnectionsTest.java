package io.loopstreams.net;

import static io.loopstreams.net.NetTestSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.stream.Stream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 1,000 concurrent connections to one server on one loop, each echoing 1 KiB (Node's test-net-server-max-connections scale). */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerManyConnectionsTest {

  private static final int CONNECTIONS = 1_000;
  private static final int SIZE = 1024;

  @Test
  void aThousandConcurrentConnectionsEachGetTheirKibibyteBack() {
    int[] echoed = {0};
    int[] failed = {0};
    NetTestSupport.withServer(ServerOptions.defaults(), s -> s.pipe(s), (server, port) -> {
      int[] open = {CONNECTIONS};
      for (int i = 0; i < CONNECTIONS; i++) {
        byte fill = (byte) i;
        Socket c = Net.connect(HOST, port, SocketOptions.defaults());
        long[] got = {0};
        boolean[] intact = {true};
        c.onData(b -> {
          for (int k = b.position(); k < b.limit(); k++) {
            intact[0] &= b.get(k) == fill;
          }
          got[0] += b.remaining();
        });
        c.on(Stream.ERROR, e -> failed[0]++);
        c.on(Stream.CLOSE, () -> {
          if (got[0] == SIZE && intact[0]) {
            echoed[0]++;
          }
          if (--open[0] == 0) {
            server.close();
          }
        });
        ByteBuffer payload = ByteBuffer.allocate(SIZE);
        while (payload.hasRemaining()) {
          payload.put(fill);
        }
        c.end(payload.flip());
      }
    });
    assertEquals(0, failed[0]);
    assertEquals(CONNECTIONS, echoed[0]);
  }
}
