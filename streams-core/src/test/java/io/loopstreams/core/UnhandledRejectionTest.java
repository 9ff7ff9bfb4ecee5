package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Promises rejected with no handler. Re-expresses Node's
 * {@code test/parallel/test-promise-unhandled-default.js}, {@code test-promise-unhandled-warn.js},
 * {@code test-promise-unhandled-silent.js}, {@code test-promise-handled-rejection-no-warning.js},
 * {@code test-promises-unhandled-rejections.js} and doc/api/cli.md § {@code --unhandled-rejections}:
 * by default an unhandled rejection is an uncaught exception; one handled before the microtask
 * drain ends is not reported.
 */
@org.junit.jupiter.api.Timeout(10)
class UnhandledRejectionTest {

  @Test
  void anUnhandledRejectionMakesRunThrowTheReason() {
    IllegalStateException reason = new IllegalStateException("rejected");
    List<String> log = new ArrayList<>();
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> EventLoop.run(loop -> {
      Promise.rejected(loop, reason);
      loop.setTimeout(() -> log.add("never"), 1);
    }));
    assertSame(reason, thrown);
    assertEquals(List.of(), log);
  }

  @Test
  void aRejectionHandledLaterInTheSameDrainIsNotReported() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise<Object> p = Promise.rejected(loop, new IllegalStateException("late but in time"));
      loop.queueMicrotask(() -> loop.queueMicrotask(() ->
          p.catchError(e -> log.add("caught " + e.getMessage()))));
    });
    assertEquals(List.of("caught late but in time"), log);
  }

  @Test
  void aRejectionHandledFromANextTickIsNotReported() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Promise<Object> p = Promise.rejected(loop, new IllegalStateException("x"));
      loop.nextTick(() -> p.catchError(e -> log.add("caught")));
    });
    assertEquals(List.of("caught"), log);
  }

  @Test
  void aRejectionHandledOnlyInALaterMacrotaskIsReported() {
    IllegalStateException reason = new IllegalStateException("too late");
    List<String> log = new ArrayList<>();
    assertSame(reason, assertThrows(IllegalStateException.class, () -> EventLoop.run(loop -> {
      Promise<Object> p = Promise.rejected(loop, reason);
      loop.setTimeout(() -> p.catchError(e -> log.add("caught")), 1);
    })));
    assertEquals(List.of(), log);
  }

  @Test
  void theLastPromiseOfARejectedChainIsTheUnhandledOne() {
    IllegalStateException reason = new IllegalStateException("deep");
    List<String> log = new ArrayList<>();
    assertSame(reason, assertThrows(IllegalStateException.class, () -> EventLoop.run(loop ->
        Promise.<Integer>rejected(loop, reason)
            .map(v -> v + 1)
            .doFinally(() -> log.add("finally"))
            .map(v -> {
              log.add("never");
              return v;
            }))));
    assertEquals(List.of("finally"), log);
  }

  @Test
  void anUnhandledRejectionHandlerReceivesReasonAndPromiseAndTheLoopGoesOn() {
    List<String> log = new ArrayList<>();
    IllegalStateException reason = new IllegalStateException("r");
    EventLoop.run(loop -> {
      Promise<?>[] rejected = new Promise<?>[1];
      loop.onUnhandledRejection((e, p) -> log.add("unhandled " + e.getMessage() + " same promise "
          + (p == rejected[0])));
      rejected[0] = Promise.rejected(loop, reason);
      loop.setTimeout(() -> log.add("timer still runs"), 1);
    });
    assertEquals(List.of("unhandled r same promise true", "timer still runs"), log);
  }

  @Test
  void withOnlyAnUncaughtHandlerTheOriginIsUnhandledRejection() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.onUncaughtException((e, origin) -> log.add(e.getMessage() + " " + origin));
      Promise.rejected(loop, new IllegalStateException("r"));
      loop.setTimeout(() -> log.add("timer still runs"), 1);
    });
    assertEquals(List.of("r UNHANDLED_REJECTION", "timer still runs"), log);
  }

  @Test
  void warnModeLogsTheRejectionOnceAndGoesOn() {
    List<String> log = new ArrayList<>();
    IllegalStateException reason = new IllegalStateException("warned");
    try (CapturedLog logs = CapturedLog.of(EventLoop.class)) {
      EventLoop.run(loop -> {
        loop.unhandledRejections(EventLoop.UnhandledRejectionMode.WARN);
        Promise.rejected(loop, reason);
        loop.setTimeout(() -> log.add("timer still runs"), 1);
      });
      List<LogRecord> warnings = logs.records.stream()
          .filter(r -> r.getLevel().equals(Level.WARNING)).toList();
      assertEquals(1, warnings.size());
      assertSame(reason, warnings.get(0).getThrown());
    }
    assertEquals(List.of("timer still runs"), log);
  }

  @Test
  void noneModeIgnoresTheRejection() {
    List<String> log = new ArrayList<>();
    try (CapturedLog logs = CapturedLog.of(EventLoop.class)) {
      EventLoop.run(loop -> {
        loop.unhandledRejections(EventLoop.UnhandledRejectionMode.NONE);
        Promise.rejected(loop, new IllegalStateException("ignored"));
        loop.setTimeout(() -> log.add("timer still runs"), 1);
      });
      assertEquals(List.of(), logs.records);
    }
    assertEquals(List.of("timer still runs"), log);
  }

  @Test
  void aRejectedOffloadWithNoHandlerMakesRunThrowTheWorkError() {
    IllegalStateException failure = new IllegalStateException("work failed");
    assertSame(failure, assertThrows(IllegalStateException.class, () -> EventLoop.run(loop ->
        loop.offload(() -> {
          throw failure;
        }))));
  }
}
