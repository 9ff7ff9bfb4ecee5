package io.loopstreams.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 buffers of 1 MiB transferred to a worker and dropped there leave the heap where it was:
 * nothing on the way (hand-off, outbox, backlog) keeps a reference (after Node's
 * test-worker-memory).
 */
@Timeout(60)
class WorkerTransferMemoryTest {

  static final int MESSAGES = 1000;
  static final int SIZE = 1 << 20;

  @Test
  void aThousandTransferredMebibytesLeaveTheHeapFlat() {
    long before = usedAfterGc();
    AtomicLong checksum = new AtomicLong();
    EventLoop.run(loop -> {
      Worker w = Worker.start(ctx -> {
        long[] seen = new long[2];
        ctx.parentPort().on(MessagePort.MESSAGE, (Object m) -> {
          ByteBuffer b = (ByteBuffer) m;
          seen[0] += b.get(0) + b.get(SIZE - 1);
          // each reply lets the parent send the next: at most one buffer alive at a time
          if (++seen[1] == MESSAGES) {
            ctx.parentPort().postMessage(seen[0]);
            ctx.parentPort().close();
          } else {
            ctx.parentPort().postMessage("next");
          }
        });
      });
      int[] sent = {0};
      Runnable sendOne = () -> {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.put(0, (byte) 1).put(SIZE - 1, (byte) 2);
        w.postMessage(b, b);
        sent[0]++;
      };
      w.on(Worker.MESSAGE, (Object m) -> {
        if (m instanceof Long sum) {
          checksum.set(sum);
        } else {
          sendOne.run();
        }
      });
      sendOne.run();
    });
    long after = usedAfterGc();
    assertEquals(3L * MESSAGES, checksum.get());
    long grown = after - before;
    assertTrue(grown < 16L * SIZE, "heap grew by " + (grown >> 20) + " MiB after 1000 MiB moved");
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
