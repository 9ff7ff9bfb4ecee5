package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phases of one loop iteration, as in the doc "The Node.js Event Loop" (nodejs.org, Learn →
 * Asynchronous work → The Node.js Event Loop) and § "setImmediate() vs setTimeout()": the seed
 * article's execution-order example, and "within an I/O cycle, the immediate callback is always
 * executed first". Re-expresses also {@code test/parallel/test-timers-immediate-queue.js}.
 */
@org.junit.jupiter.api.Timeout(30)
class EventLoopPhasesTest {

  @TempDir
  Path dir;

  /**
   * The seed article's program. Node guarantees the three synchronous lines first; the order of
   * a top-level {@code setTimeout(0)} and {@code setImmediate} is not deterministic in Node, so it
   * is not asserted, nor is the file read's place among them.
   */
  @Test
  void seedExampleRunsSyncLinesFirstThenTheTimerImmediateAndFileRead() throws IOException {
    Path file = Files.writeString(dir.resolve("file.txt"), "hello from the pool");
    List<String> log = new ArrayList<>();
    List<Boolean> readCallbackOnLoop = new ArrayList<>();
    EventLoop.run(loop -> {
      log.add("Program started");
      String config = "{ port: 3000 }";
      log.add("Config loaded: " + config);
      loop.offload(() -> Files.readString(file, StandardCharsets.UTF_8)).thenAccept(data -> {
        readCallbackOnLoop.add(loop.inLoop());
        log.add("File content: " + data);
      });
      loop.setTimeout(() -> log.add("Timeout completed"), 0);
      loop.setImmediate(() -> log.add("Immediate callback"));
      log.add("Program ended");
    });
    assertEquals(List.of("Program started", "Config loaded: { port: 3000 }", "Program ended"),
        log.subList(0, 3));
    assertEquals(Set.of("Timeout completed", "Immediate callback", "File content: hello from the pool"),
        Set.copyOf(log.subList(3, log.size())));
    assertEquals(6, log.size());
    assertEquals(List.of(true), readCallbackOnLoop);
  }

  @Test
  void insideAnOffloadCompletionSetImmediateAlwaysFiresBeforeSetTimeoutZero() {
    for (int run = 0; run < 200; run++) {
      List<String> log = new ArrayList<>();
      EventLoop.run(loop -> loop.offload(() -> "data", (data, err) -> {
        log.add("read " + data);
        loop.setTimeout(() -> log.add("timeout"), 0);
        loop.setImmediate(() -> log.add("immediate"));
      }));
      assertEquals(List.of("read data", "immediate", "timeout"), log, "run " + run);
    }
  }

  @Test
  void insideAPromiseContinuationOfAnOffloadSetImmediateFiresBeforeSetTimeoutZero() {
    for (int run = 0; run < 200; run++) {
      List<String> log = new ArrayList<>();
      EventLoop.run(loop -> loop.offload(() -> "data").thenAccept(data -> {
        loop.setTimeout(() -> log.add("timeout"), 0);
        loop.setImmediate(() -> log.add("immediate"));
      }));
      assertEquals(List.of("immediate", "timeout"), log, "run " + run);
    }
  }

  @Test
  void oneIterationRunsPendingThenPollThenCheckThenClose() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.scheduleClose(() -> log.add("close"));
      loop.setImmediate(() -> log.add("check"));
      loop.execute(() -> log.add("poll"));
      loop.schedulePending(() -> log.add("pending"));
    });
    assertEquals(List.of("pending", "poll", "check", "close"), log);
  }

  @Test
  void timersDueAfterTheCheckPhaseRunBeforeTheNextPollPhase() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> loop.setImmediate(() -> {
      loop.setTimeout(() -> log.add("timer"), 1);
      loop.execute(() -> log.add("poll"));
      TimersOrderTest.spin(3); // the timer is due when the check phase ends
      log.add("check");
    }));
    // libuv >= 1.45: ... check -> close -> timers -> pending -> poll ...
    assertEquals(List.of("check", "timer", "poll"), log);
  }

  @Test
  void beforeExitCanScheduleMoreWorkAndExitRunsOnce() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] n = {0};
      loop.onBeforeExit(() -> {
        log.add("beforeExit " + ++n[0]);
        if (n[0] < 3) {
          loop.setTimeout(() -> log.add("timer " + n[0]), 1);
        }
      });
      loop.onExit(() -> {
        log.add("exit");
        loop.setTimeout(() -> log.add("never"), 1);
      });
    });
    assertEquals(List.of("beforeExit 1", "timer 1", "beforeExit 2", "timer 2", "beforeExit 3", "exit"),
        log);
  }

  @Test
  void runReturnsOnceNothingRefdRemains() {
    long start = System.nanoTime();
    EventLoop.run(loop -> loop.setTimeout(() -> { }, 20));
    assertTrue(System.nanoTime() - start >= 19_000_000L);
  }
}
