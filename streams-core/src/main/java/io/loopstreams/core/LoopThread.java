package io.loopstreams.core;

/**
 * Which thread owns a loop, and the fail-fast check every loop-confined method makes: the
 * project's one threading rule. The first layer of {@link EventLoop}.
 */
abstract class LoopThread {

  static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();

  // immutable
  final String name;

  // any thread
  volatile Thread thread; // written only by setThread
  /**
   * {@link #thread} again, as a plain field, for the equality checks below: the only thread that
   * can find itself there is the one written there (by itself, or before its start), so no
   * ordering is needed, and every stream and promise call saves the volatile read's compiler
   * barrier. A plain field rather than a plain-mode VarHandle read of {@code thread}: the same
   * load once compiled, and no method-handle chain while interpreted or in C1.
   */
  private Thread owner;

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

  /** Makes {@code t} the loop's thread: called by {@code t} itself, or before {@code t} starts. */
  final void setThread(Thread t) {
    owner = t;
    thread = t;
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

  private Thread ownThread() {
    return owner;
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
