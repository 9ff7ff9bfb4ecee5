package io.loopstreams.net;

import static io.loopstreams.net.NetTestSupport.HOST;
import static io.loopstreams.net.NetTestSupport.collect;
import static io.loopstreams.net.NetTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.LoopGroup;
import io.loopstreams.core.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server on a loop group: one listener per loop on one port (SO_REUSEPORT). */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GroupServerTest {

  private static final int CONNECTIONS = 100;

  @Test
  void aHundredConnectionsSpreadOverTheLoopsEachServedOnOneLoopThreadForItsLife() throws Exception {
    /** Per accepted socket: the threads its callbacks ran on, and the loop that owns it. */
    Map<Socket, Set<String>> threads = new ConcurrentHashMap<>();
    Map<Socket, String> owner = new ConcurrentHashMap<>();
    List<String> echoes = new ArrayList<>();
    try (LoopGroup group = LoopGroup.create(2, loop -> { })) {
      GroupServer server = Net.createServer(group, ServerOptions.defaults(), s -> {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        threads.put(s, seen);
        owner.put(s, Thread.currentThread().getName());
        Runnable record = () -> seen.add(Thread.currentThread().getName());
        record.run();
        s.onData(b -> {
          record.run();
          s.write(b);
        });
        s.on(Stream.END, () -> {
          record.run();
          s.end();
        });
        s.on(Stream.FINISH, record);
        s.on(Stream.CLOSE, record);
      });
      InetSocketAddress addr = server.listen(0, HOST).get(10, TimeUnit.SECONDS);
      EventLoop.run(loop -> {
        for (int i = 0; i < CONNECTIONS; i++) {
          Socket c = Net.connect(HOST, addr.getPort(), SocketOptions.defaults());
          ByteArrayOutputStream got = collect(c);
          c.on(Stream.CLOSE, () -> echoes.add(got.toString(StandardCharsets.UTF_8)));
          c.end(text("ping " + i));
        }
      });
      server.close().get(10, TimeUnit.SECONDS);
    }
    assertEquals(CONNECTIONS, echoes.size());
    assertEquals(java.util.stream.IntStream.range(0, CONNECTIONS).mapToObj(i -> "ping " + i).sorted().toList(),
        echoes.stream().sorted().toList());
    assertEquals(CONNECTIONS, threads.size());
    for (Map.Entry<Socket, Set<String>> e : threads.entrySet()) {
      assertEquals(Set.of(owner.get(e.getKey())), e.getValue(), "callbacks of one connection on several threads");
    }
    Set<String> loopsUsed = Set.copyOf(owner.values());
    assertEquals(2, loopsUsed.size(), "connections per loop thread: " + owner.values().stream()
        .collect(java.util.stream.Collectors.groupingBy(t -> t, java.util.stream.Collectors.counting())));
  }

  @Test
  void aPortTakenByAServerWithoutReusePortFailsTheGroupsListenWithEaddrinuse() throws Exception {
    try (LoopGroup group = LoopGroup.create(2, loop -> { })) {
      int[] port = new int[1];
      Server[] plain = new Server[1];
      java.util.concurrent.CompletableFuture<Void> bound = new java.util.concurrent.CompletableFuture<>();
      group.loop(0).execute(() -> {
        plain[0] = Net.createServer(group.loop(0), ServerOptions.defaults(), null);
        plain[0].listen(0, HOST).thenAccept(a -> {
          port[0] = a.getPort();
          bound.complete(null);
        });
      });
      bound.get(10, TimeUnit.SECONDS);
      GroupServer server = Net.createServer(group, ServerOptions.defaults(), null);
      ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> server.listen(port[0], HOST).get(10, TimeUnit.SECONDS));
      NetException ne = assertInstanceOf(NetException.class, e.getCause());
      assertEquals(ErrorCode.EADDRINUSE, ne.code());
      assertTrue(ne.getMessage().startsWith("listen EADDRINUSE: address already in use 127.0.0.1:"), ne.getMessage());
      group.loop(0).execute(plain[0]::close);
    }
  }
}
