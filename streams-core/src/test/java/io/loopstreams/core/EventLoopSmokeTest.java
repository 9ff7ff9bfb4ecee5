package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed article 004: sync, nextTick, promise, setTimeout. */
class EventLoopSmokeTest {
  @Test
  void nextTickThenPromiseThenTimeout() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      log.add("1: sync start");
      loop.setTimeout(() -> log.add("2: setTimeout"), 0);
      Promise.resolved(loop, 1).thenAccept(v -> log.add("3: promise"));
      loop.nextTick(() -> log.add("4: nextTick"));
      log.add("5: sync end");
    });
    assertEquals(List.of("1: sync start", "5: sync end", "4: nextTick", "3: promise", "2: setTimeout"), log);
  }

  @Test
  void offloadCompletionImmediateBeforeTimeout() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> loop.offload(() -> 42).thenAccept(v -> {
      log.add("read " + v + " on " + (loop.inLoop()));
      loop.setTimeout(() -> log.add("timeout"), 0);
      loop.setImmediate(() -> log.add("immediate"));
    }));
    assertEquals(List.of("read 42 on true", "immediate", "timeout"), log);
  }
}
