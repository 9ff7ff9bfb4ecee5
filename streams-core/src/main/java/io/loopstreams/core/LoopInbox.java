package io.loopstreams.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * The loop's way in from other threads: a JCTools MPSC queue drained in the poll phase, and the
 * park/wake-up protocol that lets a busy loop cost producers one volatile read.
 *
 * <h2>The wake-up protocol</h2>
 * The loop announces {@code sleeping = 1}, re-checks the queue, and only then parks; a producer
 * offers first and unparks only if it moves {@code sleeping} from 1 to 0. Both sides do a
 * volatile write followed by a volatile read of the other's variable, so at least one sees the
 * other:
 * <ul>
 *   <li>offer before the loop's re-check: the loop sees a non-empty queue and does not park;
 *   <li>offer after the re-check: the producer sees {@code sleeping == 1} and unparks; if the
 *       unpark lands before {@code park}, LockSupport's permit makes {@code park} return;
 *   <li>many producers at once: only the one whose CAS wins pays for {@code unpark};
 *   <li>a stale unpark leaves a permit: the next park returns at once and the loop simply
 *       iterates again.
 * </ul>
 *
 * <h2>Closing</h2>
 * A task is either accepted (and the loop runs it) or refused ({@code offer} returns false):
 * never queued and then forgotten. {@link #close()} refuses later offers from other threads and
 * waits for the offers already past their check, with the same Dekker pairing: a producer counts
 * itself in {@code offering}, then reads {@code closed}; the loop writes {@code closed}, then
 * waits for {@code offering == 0}. Afterwards the queue only shrinks (the loop thread itself may
 * still add while it runs the last tasks), so draining it to empty runs every accepted task.
 */
final class LoopInbox {

  private static final VarHandle SLEEPING;

  static {
    try {
      SLEEPING = MethodHandles.lookup().findVarHandle(LoopInbox.class, "sleeping", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // any thread
  private final MpscUnboundedArrayQueue<Runnable> queue = new MpscUnboundedArrayQueue<>(1024);
  /** 1 while the loop is parked or about to park. */
  private volatile int sleeping;
  /** Offers between their {@code closed} check and their enqueue. */
  private final AtomicInteger offering = new AtomicInteger();
  private volatile boolean closed;

  /**
   * Any thread: queues {@code task} and wakes {@code loopThread} if it may be parked. False once
   * closed, except on the loop thread, which is then running the last tasks.
   */
  boolean offer(Runnable task, Thread loopThread) {
    offering.getAndIncrement();
    try {
      if (closed && Thread.currentThread() != loopThread) {
        return false;
      }
      queue.offer(task);
    } finally {
      offering.getAndDecrement();
    }
    if (sleeping == 1 && SLEEPING.compareAndSet(this, 1, 0)) {
      LockSupport.unpark(loopThread);
    }
    return true;
  }

  /** Loop thread: refuses later offers and waits (briefly) for those already under way. */
  void close() {
    closed = true;
    while (offering.get() != 0) {
      Thread.onSpinWait();
    }
  }

  /** Any thread: wakes the loop whatever it is doing (a stop request). */
  void wake(Thread loopThread) {
    SLEEPING.setVolatile(this, 0);
    LockSupport.unpark(loopThread);
  }

  /** Loop thread: parks until a wake-up or the timeout (negative: none), unless work arrived. */
  void park(long timeoutNanos, EventLoop blocker) {
    SLEEPING.setVolatile(this, 1);
    if (queue.isEmpty() && !blocker.stopRequested()) {
      if (timeoutNanos < 0) {
        LockSupport.park(blocker);
      } else {
        LockSupport.parkNanos(blocker, timeoutNanos);
      }
    }
    SLEEPING.setVolatile(this, 0);
  }

  /** Loop thread. */
  Runnable poll() {
    return queue.poll();
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Any thread (for the watchdog). */
  boolean isParked() {
    return sleeping == 1;
  }
}
