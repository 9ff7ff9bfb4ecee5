package io.loopstreams.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * N event loops, each on its own thread: Node's cluster inside one process. A server on a group
 * hands each connection to one loop ({@link #next()}) for its whole life, so the loops share
 * nothing and each keeps the threading rule on its own.
 *
 * <pre>{@code
 * try (LoopGroup group = LoopGroup.create(LoopGroup.defaultSize(), loop -> warmCache(loop))) {
 *   group.next().execute(() -> ...);
 * }
 * }</pre>
 *
 * <p>Every loop is started ({@link EventLoop#start()}), so it stays alive until {@link #close()};
 * the set-up callback runs on each loop's own thread before {@link #create} returns, and a
 * set-up that throws closes the group and is rethrown. Thread-safe.
 */
public final class LoopGroup implements AutoCloseable, Iterable<EventLoop> {

  private static final AtomicInteger GROUPS = new AtomicInteger();

  private final List<EventLoop> loops;
  private final AtomicInteger cursor = new AtomicInteger();

  private LoopGroup(List<EventLoop> loops) {
    this.loops = List.copyOf(loops);
  }

  /** The number of processors the JVM may use: the default group size. */
  public static int defaultSize() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** A group of {@link #defaultSize()} loops with no set-up. */
  public static LoopGroup create() {
    return create(defaultSize(), loop -> { });
  }

  /**
   * Starts {@code size} loops and runs {@code setUp} on each loop's thread; returns once all
   * set-ups ran. Call from a plain thread or a loop that is not in the group.
   */
  public static LoopGroup create(int size, Consumer<EventLoop> setUp) {
    if (size < 1) {
      throw StreamException.outOfRange("size", ">= 1", size);
    }
    Objects.requireNonNull(setUp, "setUp");
    int g = GROUPS.incrementAndGet();
    List<EventLoop> loops = new ArrayList<>(size);
    List<CompletableFuture<Void>> ready = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      EventLoop loop = EventLoop.create("group" + g + "-" + i).start();
      loops.add(loop);
      ready.add(loop.call(() -> {
        setUp.accept(loop);
        return null;
      }));
    }
    LoopGroup group = new LoopGroup(loops);
    try {
      CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      group.close();
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return group;
  }

  /** The next loop, round-robin. */
  public EventLoop next() {
    return loops.get(Math.floorMod(cursor.getAndIncrement(), loops.size()));
  }

  /** The loop at {@code index} (0 ≤ index < size). */
  public EventLoop loop(int index) {
    return loops.get(index);
  }

  public int size() {
    return loops.size();
  }

  /** Whether {@code loop} is one of this group's loops. */
  public boolean contains(EventLoop loop) {
    return loops.contains(loop);
  }

  @Override
  public Iterator<EventLoop> iterator() {
    return loops.iterator();
  }

  /** Stops every loop (each finishes its current callback) and waits until all terminated. */
  @Override
  public void close() {
    for (EventLoop loop : loops) {
      loop.shutdown();
    }
    for (EventLoop loop : loops) {
      loop.close();
    }
  }
}
