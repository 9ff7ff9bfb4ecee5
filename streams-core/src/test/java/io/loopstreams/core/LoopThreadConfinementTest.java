package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The one threading rule (DESIGN.md § Threading model): everything belonging to a loop is
 * confined to its thread, and a call from another thread fails fast with an
 * {@link IllegalStateException} naming both threads. No Node counterpart: JavaScript has one
 * thread per isolate.
 */
@org.junit.jupiter.api.Timeout(20)
class LoopThreadConfinementTest {

  private EventLoop loop;
  private Timeout timer;
  private Promise<String> promise;

  @BeforeEach
  void startLoop() throws Exception {
    loop = EventLoop.create("confined").start();
    loop.call(() -> {
      timer = loop.setTimeout(() -> { }, 3_600_000);
      promise = Promise.resolved(loop, "v");
      return null;
    }).get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private void assertConfined(Executable call) {
    IllegalStateException e = assertThrows(IllegalStateException.class, call);
    String caller = Thread.currentThread().getName();
    assertTrue(e.getMessage().startsWith("called from thread " + caller + ", but "), e.getMessage());
    assertTrue(e.getMessage().contains("belongs to loop confined (thread loopstreams-confined)"),
        e.getMessage());
  }

  @Test
  void schedulingFromAnotherThreadFailsNamingBothThreads() {
    assertConfined(() -> loop.setTimeout(() -> { }, 1));
    assertConfined(() -> loop.setInterval(() -> { }, 1));
    assertConfined(() -> loop.setImmediate(() -> { }));
    assertConfined(() -> loop.nextTick(() -> { }));
    assertConfined(() -> loop.queueMicrotask(() -> { }));
    assertConfined(() -> loop.offload(() -> 1));
    assertConfined(() -> loop.onUncaughtException((e, o) -> { }));
    assertConfined(() -> loop.now());
  }

  @Test
  void handlesAndPromisesAreConfinedToo() {
    assertConfined(() -> loop.clearTimeout(timer));
    assertConfined(() -> timer.unref());
    assertConfined(() -> timer.refresh());
    assertConfined(() -> promise.map(v -> v));
    assertConfined(() -> promise.isFulfilled());
    assertConfined(() -> Promise.resolved(loop, 1));
  }

  @Test
  void theMessageNamesTheConfinedObjectWhenGiven() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.checkInLoop("Readable[src]"));
    assertTrue(e.getMessage().contains("but Readable[src] belongs to loop confined"), e.getMessage());
  }

  @Test
  void aLoopThatIsNotRunningRejectsLoopCallsWithAClearMessage() {
    EventLoop idle = EventLoop.create("idle");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> idle.setTimeout(() -> { }, 1));
    assertTrue(e.getMessage().contains("belongs to loop idle (thread <not running>)"), e.getMessage());
    idle.close();
  }

  @Test
  void executeAndCallAreTheWayInFromOtherThreads() throws Exception {
    assertFalse(loop.inLoop());
    assertEquals(Boolean.TRUE, loop.call(loop::inLoop).get(5, TimeUnit.SECONDS));
    assertEquals("v", promise.toCompletableFuture().get(5, TimeUnit.SECONDS));
  }

  @Test
  void currentIsTheLoopOfTheCallingThread() {
    List<Boolean> log = new ArrayList<>();
    assertEquals(null, EventLoop.currentOrNull());
    EventLoop.run(l -> log.add(EventLoop.current() == l && EventLoop.currentOrNull() == l));
    assertEquals(List.of(true), log);
    assertEquals(null, EventLoop.currentOrNull(), "cleared after run returns");
  }

  @Test
  void currentOffEveryLoopFailsNamingTheThread() throws Exception {
    Throwable[] thrown = new Throwable[1];
    Thread t = new Thread(() -> thrown[0] = assertThrows(IllegalStateException.class, EventLoop::current),
        "plain-worker");
    t.start();
    t.join();
    Throwable e = thrown[0];
    assertEquals("no event loop on thread plain-worker: call this inside EventLoop.run, on a loop "
        + "thread, or pass the loop explicitly", e.getMessage());
  }

  @Test
  void aLoopRunsOnlyOnce() {
    EventLoop once = EventLoop.create("once");
    Consumer<EventLoop> noop = l -> { };
    once.runMain(noop);
    assertThrows(IllegalStateException.class, () -> once.runMain(noop));
    assertThrows(IllegalStateException.class, once::start);
    assertThrows(IllegalStateException.class, loop::start);
  }
}
