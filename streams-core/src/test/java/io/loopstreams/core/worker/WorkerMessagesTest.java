package io.loopstreams.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messages both ways arrive in order, on the receiving side's loop; the worker keeps the parent
 * alive until it exits (after Node's test-worker-message-port and test-worker-onmessage).
 */
@Timeout(20)
class WorkerMessagesTest {

  private static final int COUNT = 10_000; // well past the hand-off's capacity: the outbox is used

  /** A worker that echoes every number back and exits after the last. */
  static final class Echo implements java.util.function.Consumer<WorkerContext> {
    @Override
    public void accept(WorkerContext ctx) {
      MessagePort port = ctx.parentPort();
      port.on(MessagePort.MESSAGE, (Object m) -> {
        EventLoop here = EventLoop.current();
        int n = (Integer) m;
        // the reply says which loop handled it
        port.postMessage(here == ctx.loop() ? n : -1);
        if (n == COUNT - 1) {
          port.close();
        }
      });
    }
  }

  @Test
  void messagesArriveInOrderOnEachSidesLoopBothWays() {
    List<Integer> replies = new ArrayList<>();
    List<String> events = new ArrayList<>();
    AtomicReference<EventLoop> parent = new AtomicReference<>();
    List<EventLoop> deliveredOn = new ArrayList<>();
    EventLoop.run(loop -> {
      parent.set(loop);
      Worker w = Worker.start(new Echo());
      w.on(Worker.ONLINE, () -> events.add("online"));
      w.on(Worker.MESSAGE, (Object m) -> {
        replies.add((Integer) m);
        if (deliveredOn.isEmpty()) {
          deliveredOn.add(EventLoop.current());
        }
      });
      w.on(Worker.EXIT, (Integer code) -> events.add("exit " + code));
      for (int i = 0; i < COUNT; i++) {
        w.postMessage(i);
      }
    });
    assertEquals(List.of("online", "exit 0"), events);
    assertEquals(COUNT, replies.size());
    for (int i = 0; i < COUNT; i++) {
      assertEquals(i, replies.get(i), "reply " + i);
    }
    assertSame(parent.get(), deliveredOn.get(0));
  }

  @Test
  void theWorkerRunsOnItsOwnThreadAndLoopWithItsWorkerData() {
    AtomicReference<Object> seen = new AtomicReference<>();
    AtomicReference<Thread> parentThread = new AtomicReference<>();
    EventLoop.run(loop -> {
      parentThread.set(Thread.currentThread());
      Worker w = Worker.start(ctx -> ctx.parentPort().postMessage(List.of(ctx.workerData(),
          Thread.currentThread(), ctx.loop() == EventLoop.current(), ctx.threadId())),
          WorkerOptions.defaults().workerData("data").name("named"));
      w.on(Worker.MESSAGE, (Object m) -> seen.set(List.of(m, w.threadId())));
    });
    @SuppressWarnings("unchecked")
    List<Object> pair = (List<Object>) seen.get();
    List<?> m = (List<?>) pair.get(0);
    assertEquals("data", m.get(0));
    Thread t = (Thread) m.get(1);
    assertNotSame(parentThread.get(), t);
    assertEquals("loopstreams-named", t.getName());
    assertEquals(true, m.get(2));
    assertEquals(pair.get(1), m.get(3));
  }

  @Test
  void messagesPostedBeforeTheWorkerListensWaitForItsListener() {
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Worker w = Worker.start(ctx -> ctx.loop().setTimeout(() -> ctx.parentPort().on(
          MessagePort.MESSAGE, (Object m) -> {
            ctx.parentPort().postMessage(m);
            if ("b".equals(m)) {
              ctx.parentPort().close();
            }
          }), 20));
      w.on(Worker.MESSAGE, got::add);
      w.postMessage("a");
      w.postMessage("b");
    });
    assertEquals(List.of("a", "b"), got);
  }

  @Test
  void anUnrefdWorkerDoesNotKeepTheParentAlive() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Worker w = Worker.start(ctx -> ctx.parentPort().on(MessagePort.MESSAGE, m -> { }));
      w.on(Worker.EXIT, (Integer c) -> events.add("exit"));
      w.unref();
      loop.setTimeout(() -> events.add("timer"), 10);
    });
    assertEquals(List.of("timer"), events); // run returned while the worker still listens
  }

  @Test
  void aPortMovedToTheWorkerCarriesMessagesBothWays() {
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> {
      MessageChannel ch = new MessageChannel();
      Worker w = Worker.start(ctx -> ctx.parentPort().on(MessagePort.MESSAGE, (Object m) -> {
        MessagePort p = (MessagePort) m;
        assertTrue(p.loop() == ctx.loop());
        p.on(MessagePort.MESSAGE, (Object x) -> p.postMessage("worker got " + x));
        ctx.parentPort().close();
      }));
      ch.port1().postMessage("sent before the move");
      w.postMessage(ch.port2(), ch.port2());
      ch.port1().postMessage("sent after the move");
      ch.port1().on(MessagePort.MESSAGE, (Object x) -> {
        got.add(x);
        if (got.size() == 2) {
          ch.port1().close();
        }
      });
    });
    assertEquals(List.of("worker got sent before the move", "worker got sent after the move"), got);
  }
}
