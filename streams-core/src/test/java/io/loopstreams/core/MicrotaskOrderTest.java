package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two microtask queues: nextTick first, then promise jobs, drained after every callback.
 * Re-expresses Node's {@code test/parallel/test-next-tick-ordering2.js},
 * {@code test-microtask-queue-run.js}, {@code test-process-next-tick.js}, doc/api/process.md
 * § "When to use queueMicrotask() vs process.nextTick()", and the seed article's example
 * (sync, nextTick, promise, setTimeout).
 */
class MicrotaskOrderTest {

  @Test
  void syncThenNextTickThenPromiseThenTimeout() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      log.add("1: sync start");
      loop.setTimeout(() -> log.add("2: setTimeout"), 0);
      Promise.resolved(loop, null).thenAccept(v -> log.add("3: promise"));
      loop.nextTick(() -> log.add("4: nextTick"));
      log.add("5: sync end");
    });
    assertEquals(List.of("1: sync start", "5: sync end", "4: nextTick", "3: promise", "2: setTimeout"),
        log);
  }

  @Test
  void allNextTicksRunBeforeAnyPromiseJob() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.queueMicrotask(() -> log.add("microtask 1"));
      loop.nextTick(() -> {
        log.add("tick 1");
        loop.nextTick(() -> log.add("tick 3 (queued by tick 1)"));
        loop.queueMicrotask(() -> log.add("microtask 2 (queued by tick 1)"));
      });
      loop.nextTick(() -> log.add("tick 2"));
    });
    assertEquals(List.of("tick 1", "tick 2", "tick 3 (queued by tick 1)", "microtask 1",
        "microtask 2 (queued by tick 1)"), log);
  }

  @Test
  void nextTicksQueuedByPromiseJobsWaitForTheWholePromiseQueue() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.resolved(loop, null)
          .thenAccept(v -> {
            log.add("P1");
            loop.nextTick(() -> log.add("TICK (queued by P1)"));
          })
          .thenAccept(v -> log.add("P2 (chained on P1)"));
      Promise.resolved(loop, null).thenAccept(v -> log.add("P3"));
    });
    // Same order as Node 22: P1, P3, P2, TICK.
    assertEquals(List.of("P1", "P3", "P2 (chained on P1)", "TICK (queued by P1)"), log);
  }

  @Test
  void promiseReactionsAndQueueMicrotaskShareOneFifoQueue() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise.resolved(loop, null).thenAccept(v -> log.add("then a")).thenAccept(v -> log.add("then c"));
      loop.queueMicrotask(() -> log.add("queueMicrotask"));
      Promise.resolved(loop, null).thenAccept(v -> log.add("then b"));
    });
    assertEquals(List.of("then a", "queueMicrotask", "then b", "then c"), log);
  }

  @Test
  void microtasksDrainAfterEachImmediate() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.setImmediate(() -> {
        log.add("immediate 1");
        loop.queueMicrotask(() -> log.add("microtask 1"));
        loop.nextTick(() -> log.add("tick 1"));
      });
      loop.setImmediate(() -> log.add("immediate 2"));
    });
    assertEquals(List.of("immediate 1", "tick 1", "microtask 1", "immediate 2"), log);
  }

  @Test
  void microtasksDrainAfterEachExecutedTask() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.execute(() -> {
        log.add("task 1");
        loop.nextTick(() -> log.add("tick 1"));
      });
      loop.execute(() -> log.add("task 2"));
    });
    assertEquals(List.of("task 1", "tick 1", "task 2"), log);
  }

  @Test
  void microtasksQueuedWhileDrainingRunInTheSameDrain() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.setTimeout(() -> log.add("timeout"), 0);
      loop.queueMicrotask(() -> {
        log.add("microtask");
        loop.nextTick(() -> {
          log.add("tick queued by microtask");
          loop.queueMicrotask(() -> log.add("microtask queued by that tick"));
        });
      });
    });
    assertEquals(List.of("microtask", "tick queued by microtask", "microtask queued by that tick",
        "timeout"), log);
  }
}
