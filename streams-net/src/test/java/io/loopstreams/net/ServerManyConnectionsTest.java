package io.loopstreams.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    NetTestSupport.EchoCount[] count = new NetTestSupport.EchoCount[1];
    NetTestSupport.withServer(ServerOptions.defaults(), s -> s.pipe(s),
        (server, port) -> count[0] = NetTestSupport.echoClients(server, port, CONNECTIONS, SIZE));
    assertEquals(0, count[0].failed);
    assertEquals(CONNECTIONS, count[0].echoed);
  }
}
