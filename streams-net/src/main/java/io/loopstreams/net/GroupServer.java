package io.loopstreams.net;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.LoopGroup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * One server behind every loop of a {@link LoopGroup} (Node's cluster, in one process): a
 * {@link Server} per loop, all bound to the same port with {@code SO_REUSEPORT}; the kernel
 * spreads incoming connections among them (by a hash of the connection's addresses and ports),
 * and each connection is served on its listener's loop for its whole life. Nothing crosses
 * loops: {@code onConnection} runs on the loop that accepted the socket. Made by
 * {@link Net#createServer(LoopGroup, ServerOptions, Consumer)}; Linux with native epoll only.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   NEW ─listen(port, host)→ loop 0 binds (port 0 picks one), then the others bind that port
 *       → future resolves with the address once every loop listens; fails (and closes the
 *         listeners bound so far) if any bind fails
 *   LISTENING ─close()→ every server stops accepting → future resolves when every one emitted CLOSE
 * </pre>
 * Thread-safe: the futures complete on the group's loop threads. {@link #server(int)} belongs to
 * its loop (the threading rule).
 */
public final class GroupServer {

  private final LoopGroup group;
  private final AtomicReferenceArray<Server> servers;

  GroupServer(LoopGroup group, ServerOptions options, Consumer<Socket> onConnection) {
    this.group = Objects.requireNonNull(group, "group");
    ServerOptions shared = Objects.requireNonNull(options, "options").reusePort(true);
    this.servers = new AtomicReferenceArray<>(group.size());
    CompletableFuture<?>[] made = new CompletableFuture<?>[group.size()];
    for (int i = 0; i < group.size(); i++) {
      int index = i;
      EventLoop loop = group.loop(i);
      made[i] = onLoop(loop, () -> servers.set(index, Net.createServer(loop, shared, onConnection)));
    }
    CompletableFuture.allOf(made).join();
  }

  /**
   * Binds every loop's server to {@code host:port}; the future resolves with the bound address
   * once all listen, or fails with the first bind failure ({@code EADDRINUSE} ...).
   */
  public CompletableFuture<InetSocketAddress> listen(int port, String host) {
    CompletableFuture<InetSocketAddress> all = new CompletableFuture<>();
    listenOn(0, port, host).whenComplete((first, err) -> {
      if (err != null) {
        all.completeExceptionally(err);
        return;
      }
      CompletableFuture<?>[] rest = new CompletableFuture<?>[group.size() - 1];
      for (int i = 1; i < group.size(); i++) {
        rest[i - 1] = listenOn(i, first.getPort(), host);
      }
      CompletableFuture.allOf(rest).whenComplete((v, e) -> {
        if (e != null) {
          close();
          all.completeExceptionally(e instanceof java.util.concurrent.CompletionException c ? c.getCause() : e);
        } else {
          all.complete(first);
        }
      });
    });
    return all;
  }

  private CompletableFuture<InetSocketAddress> listenOn(int i, int port, String host) {
    CompletableFuture<InetSocketAddress> f = new CompletableFuture<>();
    group.loop(i).execute(() -> servers.get(i).listen(port, host).onSettled((addr, e) -> {
      if (e != null) {
        f.completeExceptionally(e);
      } else {
        f.complete(addr);
      }
    }));
    return f;
  }

  /** Stops accepting on every loop; the future resolves when every server emitted CLOSE. */
  public CompletableFuture<Void> close() {
    CompletableFuture<?>[] closed = new CompletableFuture<?>[group.size()];
    for (int i = 0; i < group.size(); i++) {
      Server s = servers.get(i);
      CompletableFuture<Void> f = new CompletableFuture<>();
      closed[i] = f;
      group.loop(i).execute(() -> {
        s.once(Server.CLOSE, () -> f.complete(null));
        s.close();
      });
    }
    return CompletableFuture.allOf(closed);
  }

  /** The server of loop {@code index} (use it on that loop). */
  public Server server(int index) {
    return servers.get(index);
  }

  /** The loops' servers, in the group's order. */
  public List<Server> servers() {
    return java.util.stream.IntStream.range(0, servers.length()).mapToObj(servers::get).toList();
  }

  public LoopGroup group() {
    return group;
  }

  private static CompletableFuture<Void> onLoop(EventLoop loop, Runnable task) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        task.run();
        f.complete(null);
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    return f;
  }
}
