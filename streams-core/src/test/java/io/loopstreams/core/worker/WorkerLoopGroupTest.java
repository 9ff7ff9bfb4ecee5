package io.loopstreams.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.LoopGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A loop group: N started loops on N threads, set up on their own threads, handed out in turn. */
@Timeout(20)
class WorkerLoopGroupTest {

  @Test
  void eachLoopIsSetUpOnItsOwnThreadBeforeCreateReturns() {
    Set<Thread> setUpOn = ConcurrentHashMap.newKeySet();
    List<Boolean> onItsLoop = new ArrayList<>();
    try (LoopGroup group = LoopGroup.create(3, loop -> {
      setUpOn.add(Thread.currentThread());
      synchronized (onItsLoop) {
        onItsLoop.add(EventLoop.current() == loop);
      }
    })) {
      assertEquals(3, group.size());
      assertEquals(3, setUpOn.size());
      assertEquals(List.of(true, true, true), onItsLoop);
      Set<Thread> loopThreads = new HashSet<>();
      group.forEach(l -> loopThreads.add(l.thread()));
      assertEquals(setUpOn, loopThreads);
    }
  }

  @Test
  void nextHandsOutTheLoopsRoundRobin() {
    try (LoopGroup group = LoopGroup.create(2, loop -> { })) {
      List<EventLoop> seen = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        seen.add(group.next());
      }
      assertSame(group.loop(0), seen.get(0));
      assertSame(group.loop(1), seen.get(1));
      assertEquals(List.of(seen.get(0), seen.get(1), seen.get(0), seen.get(1), seen.get(0), seen.get(1)), seen);
      assertTrue(group.contains(seen.get(1)));
    }
  }

  @Test
  void closeTerminatesEveryLoop() throws Exception {
    LoopGroup group = LoopGroup.create(2, loop -> { });
    EventLoop a = group.loop(0);
    EventLoop b = group.loop(1);
    assertEquals("ran", a.call(() -> "ran").get(5, TimeUnit.SECONDS));
    group.close();
    assertTrue(a.isTerminated());
    assertTrue(b.isTerminated());
  }

  @Test
  void aFailingSetUpClosesTheGroupAndIsRethrown() {
    List<EventLoop> made = new ArrayList<>();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LoopGroup.create(2, loop -> {
      synchronized (made) {
        made.add(loop);
      }
      throw new IllegalStateException("no cache");
    }));
    assertEquals("no cache", e.getMessage());
    assertEquals(2, made.size());
    made.forEach(l -> assertTrue(l.isTerminated()));
  }

  @Test
  void theDefaultSizeIsTheNumberOfProcessors() {
    assertEquals(Runtime.getRuntime().availableProcessors(), LoopGroup.defaultSize());
    assertFalse(LoopGroup.defaultSize() < 1);
  }
}
