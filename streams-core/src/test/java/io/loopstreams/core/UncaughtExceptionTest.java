package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Errors escaping callbacks. Re-expresses Node's
 * {@code test/parallel/test-timers-uncaught-exception.js},
 * {@code test-process-uncaught-exception-monitor.js} (the handler half) and doc/api/process.md
 * § Event 'uncaughtException': with no handler the loop stops and {@code run} rethrows the very
 * error (Node exits), with a handler the loop goes on and the rest of the phase still runs.
 */
@org.junit.jupiter.api.Timeout(10)
class UncaughtExceptionTest {

  @Test
  void aThrowingCallbackMakesRunThrowTheSameInstanceAndNothingLaterRuns() {
    List<String> log = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> EventLoop.run(loop -> {
      loop.setTimeout(() -> {
        log.add("t1");
        loop.nextTick(() -> log.add("tick queued before the throw"));
        loop.setImmediate(() -> log.add("immediate queued before the throw"));
        throw boom;
      }, 5);
      loop.setTimeout(() -> log.add("t2, due in the same phase"), 5);
      loop.setTimeout(() -> log.add("t3, later"), 50);
      loop.onExit(() -> log.add("exit"));
    }));
    assertSame(boom, thrown);
    assertEquals(List.of("t1"), log);
  }

  @Test
  void aThrowingMainMakesRunThrowBeforeAnyCallback() {
    List<String> log = new ArrayList<>();
    IllegalArgumentException boom = new IllegalArgumentException("main");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> EventLoop.run(loop -> {
      loop.nextTick(() -> log.add("tick"));
      loop.setImmediate(() -> log.add("immediate"));
      throw boom;
    }));
    assertSame(boom, thrown);
    assertEquals(List.of(), log);
  }

  @Test
  void aThrowingNextTickStopsTheRestOfTheDrain() {
    List<String> log = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("tick");
    assertSame(boom, assertThrows(IllegalStateException.class, () -> EventLoop.run(loop -> {
      loop.nextTick(() -> {
        throw boom;
      });
      loop.nextTick(() -> log.add("second tick"));
      loop.queueMicrotask(() -> log.add("microtask"));
    })));
    assertEquals(List.of(), log);
  }

  @Test
  void anUncaughtHandlerKeepsTheLoopGoingAndTheRestOfThePhaseRuns() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.onUncaughtException((e, origin) -> log.add("uncaught " + e.getMessage() + " " + origin));
      loop.setTimeout(() -> {
        log.add("t1");
        throw new IllegalStateException("boom");
      }, 5);
      loop.setTimeout(() -> log.add("t2, due in the same phase"), 5);
      loop.setTimeout(() -> log.add("t3, later"), 30);
    });
    assertEquals(List.of("t1", "uncaught boom UNCAUGHT_EXCEPTION", "t2, due in the same phase", "t3, later"),
        log);
  }

  @Test
  void withAHandlerTheRemainingNextTicksStillRun() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.onUncaughtException((e, origin) -> log.add("uncaught " + e.getMessage()));
      loop.nextTick(() -> {
        throw new IllegalStateException("tick 1");
      });
      loop.nextTick(() -> log.add("tick 2"));
      loop.queueMicrotask(() -> log.add("microtask"));
    });
    assertEquals(List.of("uncaught tick 1", "tick 2", "microtask"), log);
  }

  @Test
  void aHandlerThatThrowsStopsTheLoopWithItsOwnError() {
    IllegalStateException original = new IllegalStateException("original");
    IllegalArgumentException fromHandler = new IllegalArgumentException("handler");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> EventLoop.run(loop -> {
      loop.onUncaughtException((e, origin) -> {
        throw fromHandler;
      });
      loop.setTimeout(() -> {
        throw original;
      }, 1);
    }));
    assertSame(fromHandler, thrown);
    assertEquals(List.of(original), List.of(thrown.getSuppressed()));
  }

  @Test
  void removingTheLastHandlerMakesErrorsFatalAgain() {
    List<String> log = new ArrayList<>();
    IllegalStateException second = new IllegalStateException("second");
    assertSame(second, assertThrows(IllegalStateException.class, () -> EventLoop.run(loop -> {
      java.util.function.BiConsumer<Throwable, EventLoop.Origin> handler =
          (e, origin) -> log.add("handled " + e.getMessage());
      loop.onUncaughtException(handler);
      loop.setTimeout(() -> {
        throw new IllegalStateException("first");
      }, 1);
      loop.setTimeout(() -> {
        loop.removeUncaughtExceptionHandler(handler);
        throw second;
      }, 20);
    })));
    assertEquals(List.of("handled first"), log);
  }

  @Test
  void aCheckedErrorComesOutOfRunWrappedInUncaughtException() {
    IOException io = new IOException("disk");
    UncaughtException thrown = assertThrows(UncaughtException.class, () -> EventLoop.run(loop ->
        Promise.create(loop, (resolve, reject) -> {
          throw io;
        })));
    assertSame(io, thrown.getCause());
  }

  @Test
  void fatalJvmErrorsBypassTheHandler() {
    List<String> log = new ArrayList<>();
    StackOverflowError fatal = new StackOverflowError("fatal");
    assertSame(fatal, assertThrows(StackOverflowError.class, () -> EventLoop.run(loop -> {
      loop.onUncaughtException((e, origin) -> log.add("handled"));
      loop.setTimeout(() -> {
        throw fatal;
      }, 1);
    })));
    assertEquals(List.of(), log);
  }
}
