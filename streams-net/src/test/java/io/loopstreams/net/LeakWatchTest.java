package io.loopstreams.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak check itself: a buffer dropped unreleased is reported (so a clean run means something). */
class LeakWatchTest {

  @Test
  void anUnreleasedBufferIsReported() {
    LeakWatch.collect();
    leakOne();
    List<String> leaks = List.of();
    for (int i = 0; i < 20 && leaks.isEmpty(); i++) {
      leaks = LeakWatch.collect();
    }
    assertEquals(1, leaks.size(), "leak reports: " + leaks);
    assertTrue(leaks.get(0).startsWith("LEAK ByteBuf"), leaks.get(0));
  }

  private static void leakOne() {
    ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(16);
    leaked.writeLong(42);
  }
}
