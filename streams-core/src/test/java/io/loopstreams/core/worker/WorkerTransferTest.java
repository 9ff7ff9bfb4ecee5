package io.loopstreams.core.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A transferred buffer keeps its memory and the sender's reference is detached (after Node's
 * test-worker-message-port-transfer-* and test-worker-arraybuffer-zerofill).
 */
@Timeout(20)
class WorkerTransferTest {

  record Frame(int id, Transfer pixels) {
  }

  @Test
  void aTransferredHeapBufferArrivesWithTheSameArrayAndTheSendersCopyIsDetached() {
    byte[] backing = new byte[64];
    ByteBuffer sent = ByteBuffer.wrap(backing, 8, 32); // position 8, limit 40
    AtomicReference<ByteBuffer> received = new AtomicReference<>();
    List<Class<?>> failures = new ArrayList<>();
    EventLoop.run(loop -> {
      MessageChannel ch = new MessageChannel();
      Worker w = Worker.start(ctx -> ctx.parentPort().once(MessagePort.MESSAGE, (Object m) -> {
        ctx.parentPort().postMessage(m, m); // back, transferred again
        ctx.parentPort().close();
      }));
      w.on(Worker.MESSAGE, (Object m) -> received.set((ByteBuffer) m));
      w.postMessage(sent, sent);
      failures.add(assertThrows(BufferUnderflowException.class, sent::get).getClass());
      failures.add(assertThrows(BufferOverflowException.class, () -> sent.put((byte) 1)).getClass());
      failures.add(assertThrows(IndexOutOfBoundsException.class, () -> sent.get(8)).getClass());
      ch.port1().close();
    });
    ByteBuffer back = received.get();
    assertSame(backing, back.array());
    assertEquals(8, back.position());
    assertEquals(40, back.limit());
    assertEquals(0, sent.remaining());
    assertEquals(3, failures.size());
  }

  @Test
  void aTransferredDirectBufferIsTheSameNativeMemory() {
    ByteBuffer sent = ByteBuffer.allocateDirect(1024);
    ByteBuffer alias = sent.duplicate(); // kept by the test to look at the memory afterwards
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Worker w = Worker.start(ctx -> ctx.parentPort().once(MessagePort.MESSAGE, (Object m) -> {
        ByteBuffer b = (ByteBuffer) m;
        b.put(0, (byte) 42); // written by the worker...
        ctx.parentPort().postMessage(b.isDirect());
        ctx.parentPort().close();
      }));
      w.on(Worker.MESSAGE, got::add);
      w.postMessage(sent, sent);
    });
    assertEquals(List.of(true), got);
    assertEquals(42, alias.get(0)); // ...is seen through the sender's memory: nothing was copied
    assertEquals(0, sent.limit());
  }

  @Test
  void aTransferInsideAMessageIsTakenOnceAndTheSenderIsDetached() {
    byte[] backing = {1, 2, 3, 4};
    ByteBuffer pixels = ByteBuffer.wrap(backing);
    List<Object> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Worker w = Worker.start(ctx -> ctx.parentPort().once(MessagePort.MESSAGE, (Object m) -> {
        Frame f = (Frame) m;
        ByteBuffer mine = f.pixels().take();
        byte[] copy = new byte[mine.remaining()];
        mine.get(copy);
        StreamException again = assertThrows(StreamException.class, f.pixels()::take);
        ctx.parentPort().postMessage(List.of(f.id(), copy, mine.array() == backing, again.code()));
        ctx.parentPort().close();
      }));
      w.on(Worker.MESSAGE, got::add);
      w.postMessage(new Frame(7, Transfer.of(pixels)));
      assertEquals(0, pixels.remaining());
    });
    List<?> m = (List<?>) got.get(0);
    assertEquals(7, m.get(0));
    assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) m.get(1));
    assertEquals(true, m.get(2));
    assertEquals(ErrorCode.ERR_INVALID_STATE, m.get(3));
  }

  @Test
  void aBufferInsideAMessageCannotBeListedAndAPortCannotTransferItself() {
    List<Throwable> errors = new ArrayList<>();
    EventLoop.run(loop -> {
      MessageChannel ch = new MessageChannel();
      ByteBuffer b = ByteBuffer.allocate(4);
      errors.add(assertThrows(StreamException.class, () -> ch.port1().postMessage(List.of(b), b)));
      errors.add(assertThrows(IllegalArgumentException.class,
          () -> ch.port1().postMessage(ch.port1(), ch.port1())));
      assertEquals(4, b.remaining()); // a refused transfer detaches nothing
    });
    assertEquals(ErrorCode.ERR_INVALID_ARG_VALUE, ((StreamException) errors.get(0)).code());
    assertTrue(errors.get(1).getMessage().startsWith("DataCloneError: Transfer list contains source port"));
  }

  @Test
  void aMovedPortCannotBeUsedOnTheOldLoop() {
    List<ErrorCode> codes = new ArrayList<>();
    EventLoop.run(loop -> {
      MessageChannel ch = new MessageChannel();
      Worker w = Worker.start(ctx -> ctx.parentPort().once(MessagePort.MESSAGE, (Object m) -> {
        ctx.parentPort().close();
      }));
      w.postMessage(ch.port2(), ch.port2());
      codes.add(assertThrows(StreamException.class, () -> ch.port2().postMessage("x")).code());
    });
    assertEquals(List.of(ErrorCode.ERR_INVALID_STATE), codes);
  }
}
