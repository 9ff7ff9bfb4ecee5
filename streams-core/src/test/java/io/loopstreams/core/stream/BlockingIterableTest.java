package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Readable#toBlockingIterable()}: a Readable consumed by a plain loop on another thread
 * (a platform thread here; Java 17 has no virtual threads). Bounded by the mark with a slow
 * consumer, early close destroys the source, errors surface, a loop-thread call fails at once.
 */
@org.junit.jupiter.api.Timeout(60)
class BlockingIterableTest {

  private final EventLoop loop = EventLoop.create("blocking").start();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  /** Pushes 1, 2, 3, ... up to {@code limit}, one per doRead, mark 4; counts pulls across threads. */
  static final class Numbers extends Readable<Integer> {
    final AtomicInteger pulled = new AtomicInteger();
    final int limit;

    Numbers(int limit) {
      super(StreamOptions.objects().highWaterMark(4));
      this.limit = limit;
    }

    @Override
    protected void doRead(long size) {
      int n = pulled.get();
      if (n == limit) {
        push(null);
      } else {
        push(pulled.incrementAndGet());
      }
    }
  }

  @Test
  void anotherThreadStreamsEveryItemInOrder() throws Exception {
    BlockingIterable<Integer> items = loop.call(() -> new Numbers(1000).toBlockingIterable()).get();
    List<Integer> got = items.stream().collect(Collectors.toList());
    assertEquals(1000, got.size());
    assertEquals(1, got.get(0));
    assertEquals(1000, got.get(999));
  }

  @Test
  void aSlowConsumerHoldsTheSourceWithinItsMark() throws Exception {
    Numbers src = loop.call(() -> new Numbers(10_000)).get();
    BlockingIterable<Integer> items = loop.call(src::toBlockingIterable).get();
    int consumed = 0;
    int maxAhead = 0;
    for (int item : items) {
      consumed++;
      assertEquals(consumed, item);
      // Let the loop catch up so that the bound is reached, not merely raced: a round trip.
      loop.call(() -> null).get();
      maxAhead = Math.max(maxAhead, src.pulled.get() - consumed);
    }
    assertEquals(10_000, consumed);
    // mark 4 in the source + 2 in transit (+1 read-ahead push in flight)
    assertTrue(maxAhead <= 4 + BlockingPull.CAPACITY + 1, "ahead " + maxAhead);
    assertTrue(maxAhead >= 4, "the bound is reached: ahead " + maxAhead);
  }

  @Test
  void closingEarlyDestroysTheSource() throws Exception {
    Numbers src = loop.call(() -> new Numbers(Integer.MAX_VALUE)).get();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    BlockingIterable<Integer> items = loop.call(() -> {
      src.on(Stream.CLOSE, () -> closed.complete(null));
      return src.toBlockingIterable();
    }).get();
    try (java.util.stream.Stream<Integer> s = items.stream()) {
      assertEquals(List.of(1, 2, 3), s.limit(3).collect(Collectors.toList()));
    }
    closed.get(10, TimeUnit.SECONDS);
    assertTrue(loop.call(src::destroyed).get());
    assertTrue(src.pulled.get() < 20, "pulled " + src.pulled.get());
  }

  @Test
  void theSourcesErrorIsThrownAfterTheItemsBeforeIt() throws Exception {
    BlockingIterable<Integer> items = loop.call(() -> {
      Readable<Integer> r = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }
      };
      r.push(1);
      r.push(2);
      loop.setTimeout(() -> r.destroy(new IllegalStateException("broken")), 1);
      return r.toBlockingIterable();
    }).get();
    Iterator<Integer> it = items.iterator();
    List<Integer> got = new ArrayList<>();
    got.add(it.next());
    got.add(it.next());
    IllegalStateException e = assertThrows(IllegalStateException.class, it::hasNext);
    assertEquals(List.of(1, 2), got);
    assertEquals("broken", e.getMessage());
  }

  @Test
  void iteratingOnTheLoopThreadFailsAtOnce() throws Exception {
    String message = loop.call(() -> {
      try {
        new Numbers(3).toBlockingIterable().iterator().hasNext();
        return "no error";
      } catch (IllegalStateException e) {
        return e.getMessage();
      }
    }).get();
    assertTrue(message.contains("on its own loop thread"), message);
  }
}
