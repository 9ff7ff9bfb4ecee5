package io.loopstreams.core.worker;

import io.loopstreams.core.Event;
import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.LoopHandle;
import io.loopstreams.core.Promise;
import io.loopstreams.core.UncaughtException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Node's {@code worker_threads.Worker}: another {@link EventLoop} on its own thread, running an
 * entry point, reached only by messages. The parent holds this handle; the worker sees a
 * {@link WorkerContext}.
 *
 * <pre>{@code
 * Worker w = Worker.start(ctx -> ctx.parentPort().on(MessagePort.MESSAGE,
 *     m -> ctx.parentPort().postMessage(resize((Image) m))), WorkerOptions.defaults());
 * w.on(Worker.MESSAGE, resized -> ...);
 * w.postMessage(image);
 * }</pre>
 *
 * <h2>Lifecycle (one table)</h2>
 * <pre>
 *   worker side                              parent events, in order
 *   entry starts                             ONLINE
 *   loop runs out of ref'd work              EXIT 0
 *   ctx.exit(n)                              EXIT n
 *   uncaught error / unhandled rejection     ERROR(err), EXIT 1
 *   parent called terminate()                EXIT 1 (no ERROR), then terminate()'s promise → 1
 * </pre>
 * Messages the worker posted before it ended are delivered before ERROR and EXIT. A running
 * worker keeps the parent's loop alive unless {@link #unref()}'d. An ERROR with no listener is
 * an uncaught exception on the parent's loop, as in Node.
 *
 * <h2>What terminate() cannot stop</h2>
 * {@link #terminate()} stops the worker's loop after its current callback and interrupts its
 * thread: blocking calls (sleep, park, {@code Object.wait}, interruptible channels) end at once,
 * and long computations stop if they poll {@link WorkerContext#isTerminating()} or the interrupt
 * flag. Java cannot stop a thread from outside: a tight loop that checks neither runs on, and
 * the worker exits when it returns. Node's V8 can interrupt running JavaScript; this is the one
 * deliberate gap.
 *
 * <p>Loop-confined to the parent's loop (the one that created the worker).
 */
public final class Worker extends EventEmitter {

  /** A message the worker posted to its {@code parentPort}. */
  public static final Event<Object> MESSAGE = Event.of("message");
  /** The worker started running its entry point. */
  public static final Event<Void> ONLINE = Event.of("online");
  /** The worker's thread ended; the payload is its exit code. */
  public static final Event<Integer> EXIT = Event.of("exit");

  private static final AtomicInteger IDS = new AtomicInteger();

  // immutable
  private final EventLoop parent;
  private final EventLoop loop;
  private final MessagePort port;
  private final WorkerOptions options;
  private final int threadId;
  private final Thread thread;

  // any thread
  private volatile boolean terminating;
  private volatile int requestedExit;

  // parent loop only
  private final LoopHandle keepAlive;
  private final List<Promise.Resolvers<Integer>> waiters = new ArrayList<>();
  private Integer exitCode;

  private Worker(EventLoop parent, Consumer<WorkerContext> entry, WorkerOptions options) {
    parent.checkInLoop();
    this.parent = parent;
    this.options = Objects.requireNonNull(options, "options");
    this.threadId = IDS.incrementAndGet();
    String name = options.name() != null ? options.name() : "worker-" + threadId;
    this.loop = EventLoop.create(name, parent.offloadPool());
    MessageChannel channel = new MessageChannel(parent);
    this.port = channel.port1();
    MessagePort child = channel.port2();
    child.rebindUnstarted(loop);
    port.on(MessagePort.MESSAGE, (Object m) -> emit(MESSAGE, m));
    port.unref(); // the worker's own keep-alive decides
    this.keepAlive = parent.keepAlive();
    this.thread = new Thread(() -> runWorker(entry, child), "loopstreams-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts a worker running {@code entry} on a new loop, owned by the current loop. */
  public static Worker start(Consumer<WorkerContext> entry, WorkerOptions options) {
    return new Worker(EventLoop.current(), Objects.requireNonNull(entry, "entry"), options);
  }

  /** {@link #start(Consumer, WorkerOptions)} with default options. */
  public static Worker start(Consumer<WorkerContext> entry) {
    return start(entry, WorkerOptions.defaults());
  }

  /**
   * Starts a worker running a class: {@code className} names a public class with a public no-arg
   * constructor implementing {@code Consumer<WorkerContext>}, loaded on the worker's thread (a
   * missing class is the worker's ERROR, as a missing script is in Node).
   */
  public static Worker start(String className, WorkerOptions options) {
    Objects.requireNonNull(className, "className");
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return start(ctx -> instantiate(className, loader).accept(ctx), options);
  }

  @SuppressWarnings("unchecked")
  private static Consumer<WorkerContext> instantiate(String className, ClassLoader loader) {
    try {
      return (Consumer<WorkerContext>) Class.forName(className, true, loader)
          .getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException("cannot run worker class " + className + ": " + e, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The worker's thread

  private void runWorker(Consumer<WorkerContext> entry, MessagePort child) {
    Throwable error = null;
    try {
      loop.runMain(l -> {
        toParent(() -> emit(ONLINE));
        entry.accept(new WorkerContext(this, child));
      });
    } catch (UncaughtException e) {
      error = e.getCause();
    } catch (Throwable t) {
      error = t;
    }
    if (!terminating) {
      child.flushOnExit(() -> terminating);
    }
    int code = terminating || error != null ? 1 : requestedExit;
    Throwable reported = terminating ? null : error;
    if (reported != null) {
      toParent(() -> emit(ERROR, reported));
    }
    toParent(() -> exited(code));
  }

  private void toParent(Runnable task) {
    try {
      parent.execute(task);
    } catch (RejectedExecutionException gone) {
      // the parent's loop ended first: nobody is left to tell
    }
  }

  private void exited(int code) {
    exitCode = code;
    keepAlive.close();
    port.close();
    emit(EXIT, code);
    for (Promise.Resolvers<Integer> r : waiters) {
      r.resolve(code);
    }
    waiters.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // The parent's side

  /** Sends {@code message} to the worker's {@code parentPort}; see {@link MessagePort#postMessage}. */
  public void postMessage(Object message) {
    port.postMessage(message);
  }

  /** Sends {@code message}, moving the buffers and ports {@code transfer} lists. */
  public void postMessage(Object message, Object... transfer) {
    port.postMessage(message, transfer);
  }

  /**
   * Stops the worker: its loop ends after the current callback, its thread is interrupted (see
   * the class doc for what cannot be stopped). The promise resolves with the exit code (1) once
   * EXIT was emitted; at once if the worker already exited.
   */
  public Promise<Integer> terminate() {
    parent.checkInLoop(this);
    Promise.Resolvers<Integer> r = Promise.withResolvers(parent);
    if (exitCode != null) {
      r.resolve(exitCode);
      return r.promise();
    }
    waiters.add(r);
    if (!terminating) {
      terminating = true;
      loop.shutdown();
      thread.interrupt();
    }
    return r.promise();
  }

  /** Counts the worker towards the parent loop's liveness again (the default). */
  public Worker ref() {
    keepAlive.ref();
    return this;
  }

  /** Lets the parent's loop exit while the worker still runs. */
  public Worker unref() {
    keepAlive.unref();
    return this;
  }

  /** A number unique per worker in this JVM, as Node's {@code threadId}. */
  public int threadId() {
    return threadId;
  }

  /** The exit code once EXIT was emitted, else null. Parent loop only. */
  public Integer exitCode() {
    parent.checkInLoop(this);
    return exitCode;
  }

  WorkerOptions options() {
    return options;
  }

  boolean terminating() {
    return terminating;
  }

  void exitRequested(int code) {
    requestedExit = code;
  }

  @Override
  public String toString() {
    return "Worker[" + threadId + ", " + loop.name() + "]";
  }
}
