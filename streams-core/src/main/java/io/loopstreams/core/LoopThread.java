package io.loopstreams.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which thread owns a loop, and the fail-fast check every loop-confined method makes: the
 * project's one threading rule. The first layer of {@link EventLoop}.
 */
abstract class LoopThread {

  static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();
  private static final VarHandle THREAD;

  static {
    try {
      THREAD = MethodHandles.lookup().findVarHandle(LoopThread.class, "thread", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // immutable
  final String name;

  // any thread
  volatile Thread thread;

  LoopThread(String name) {
    this.name = name;
  }

  /**
   * The loop whose thread is the calling thread: what stream and fs factories use when no loop is
   * passed.
   *
   * @throws IllegalStateException off any loop thread, naming the thread
   */
  public static EventLoop current() {
    EventLoop loop = CURRENT.get();
    if (loop == null) {
      throw new IllegalStateException("no event loop on thread " + Thread.currentThread().getName()
          + ": call this inside EventLoop.run, on a loop thread, or pass the loop explicitly");
    }
    return loop;
  }

  /** The loop whose thread is the calling thread, or {@code null}. */
  public static EventLoop currentOrNull() {
    return CURRENT.get();
  }

  /** Whether the calling thread is this loop's thread. Thread-safe. */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /**
   * Throws unless called on this loop's thread: the fail-fast check every loop-confined public
   * method makes.
   */
  public void checkInLoop() {
    if (Thread.currentThread() != ownThread()) {
      throw wrongThread("it");
    }
  }

  /** Like {@link #checkInLoop()} with the confined object's name in the message. */
  public void checkInLoop(Object owner) {
    if (Thread.currentThread() != ownThread()) {
      throw wrongThread(String.valueOf(owner));
    }
  }

  /**
   * The loop thread as a plain read, for the equality checks above: the only thread that can find
   * itself there is the one that wrote itself there (the loop thread, which sees its own write), so
   * no ordering is needed, and on every stream and promise call the volatile read's compiler
   * barrier is saved.
   */
  private Thread ownThread() {
    return (Thread) THREAD.get(this);
  }

  private IllegalStateException wrongThread(String what) {
    Thread t = thread;
    return new IllegalStateException("called from thread " + Thread.currentThread().getName()
        + ", but " + what + " belongs to loop " + name + " (thread "
        + (t == null ? "<not running>" : t.getName()) + "); use loop.execute() to get there");
  }

  /** The loop's name. */
  public String name() {
    return name;
  }

  /** The loop's thread, or null before it runs. */
  public Thread thread() {
    return thread;
  }
}
