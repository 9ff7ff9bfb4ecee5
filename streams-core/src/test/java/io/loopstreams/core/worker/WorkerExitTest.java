package io.loopstreams.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ERROR then EXIT with Node's codes; terminate() stops a busy or blocked worker and resolves
 * with 1 (after Node's test-worker-exit-code, test-worker-uncaught-exception and
 * test-worker-terminate-*).
 */
@Timeout(20)
class WorkerExitTest {

  static final IllegalStateException BOOM = new IllegalStateException("boom");

  @Test
  void aThrowingWorkerReportsItsErrorThenExitsWithCode1() {
    List<Object> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Worker w = Worker.start(ctx -> {
        ctx.parentPort().postMessage("before");
        ctx.loop().setImmediate(() -> {
          throw BOOM;
        });
      });
      w.on(Worker.MESSAGE, events::add);
      w.on(EventEmitter.ERROR, (Throwable e) -> events.add(e));
      w.on(Worker.EXIT, (Integer code) -> events.add("exit " + code));
    });
    assertEquals(List.of("before", BOOM, "exit 1"), events);
  }

  @Test
  void anUnhandledRejectionInTheWorkerIsItsError() {
    List<Object> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Worker w = Worker.start(ctx -> Promise.rejected(ctx.loop(), BOOM));
      w.on(EventEmitter.ERROR, (Throwable e) -> events.add(e));
      w.on(Worker.EXIT, (Integer code) -> events.add("exit " + code));
    });
    assertEquals(List.of(BOOM, "exit 1"), events);
  }

  @Test
  void aMissingWorkerClassIsTheWorkersError() {
    List<Object> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Worker w = Worker.start("no.such.Main", WorkerOptions.defaults());
      w.on(EventEmitter.ERROR, (Throwable e) -> events.add(e.getClass().getSimpleName()));
      w.on(Worker.EXIT, (Integer code) -> events.add("exit " + code));
    });
    assertEquals(List.of("IllegalArgumentException", "exit 1"), events);
  }

  @Test
  void exitWithACodeEndsTheWorkerWithThatCodeAndNoError() {
    List<Object> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Worker w = Worker.start(ctx -> {
        ctx.loop().setInterval(() -> { }, 1000);
        ctx.loop().setTimeout(() -> ctx.exit(3), 1);
      });
      w.on(EventEmitter.ERROR, (Throwable e) -> events.add(e));
      w.on(Worker.EXIT, (Integer code) -> events.add("exit " + code));
    });
    assertEquals(List.of("exit 3"), events);
  }

  @Test
  void terminateStopsABusyCallbackThatChecksTheFlag() {
    AtomicLong spins = new AtomicLong();
    List<Object> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Worker w = Worker.start(ctx -> {
        while (!ctx.isTerminating()) { // a CPU-bound callback that never returns by itself
          if (spins.incrementAndGet() == 1) {
            ctx.parentPort().postMessage("busy"); // told only once it spins: terminate finds it busy
          }
        }
      });
      w.on(Worker.MESSAGE, (Object m) -> w.terminate().thenAccept(code -> events.add("resolved " + code)));
      w.on(EventEmitter.ERROR, (Throwable e) -> events.add(e));
      w.on(Worker.EXIT, (Integer code) -> events.add("exit " + code));
    });
    assertEquals(List.of("exit 1", "resolved 1"), events);
    assertEquals(true, spins.get() > 0);
  }

  @Test
  void terminateInterruptsABlockedWorkerWithoutReportingAnError() {
    List<Object> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Worker w = Worker.start(ctx -> {
        ctx.parentPort().postMessage("blocked");
        try {
          new CountDownLatch(1).await(); // blocked until interrupted: nothing ever counts it down
        } catch (InterruptedException e) {
          throw new IllegalStateException("interrupted", e);
        }
      });
      w.on(Worker.MESSAGE, (Object m) -> w.terminate().thenAccept(code -> events.add("resolved " + code)));
      w.on(EventEmitter.ERROR, (Throwable e) -> events.add(e));
      w.on(Worker.EXIT, (Integer code) -> events.add("exit " + code));
    });
    assertEquals(List.of("exit 1", "resolved 1"), events);
  }

  @Test
  void terminateAfterExitResolvesWithTheExitCode() {
    List<Object> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Worker w = Worker.start(ctx -> { });
      w.on(Worker.EXIT, (Integer code) -> w.terminate().thenAccept(c -> events.add("resolved " + c)));
    });
    assertEquals(List.of("resolved 0"), events);
  }

  @Test
  void anErrorWithNoListenerIsUncaughtOnTheParentLoop() {
    List<Object> events = new ArrayList<>();
    EventLoop.run(loop -> {
      loop.onUncaughtException((e, origin) -> events.add(e));
      Worker w = Worker.start(ctx -> {
        throw BOOM;
      });
      w.on(Worker.EXIT, (Integer code) -> events.add("exit " + code));
    });
    assertEquals(2, events.size());
    assertSame(BOOM, events.get(0));
    assertInstanceOf(String.class, events.get(1));
    assertEquals("exit 1", events.get(1));
  }
}
