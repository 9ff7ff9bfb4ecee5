package io.loopstreams.core.worker;

import io.loopstreams.core.EventLoop;

/**
 * What a worker's entry point sees: Node's {@code worker_threads} module inside a worker
 * ({@code parentPort}, {@code workerData}, {@code threadId}) plus {@code process.exit}.
 * Loop-confined to the worker's loop, except {@link #isTerminating()}.
 */
public final class WorkerContext {

  private final Worker worker;
  private final MessagePort parentPort;

  WorkerContext(Worker worker, MessagePort parentPort) {
    this.worker = worker;
    this.parentPort = parentPort;
  }

  /** The worker's own loop (the calling thread's). */
  public EventLoop loop() {
    return parentPort.loop();
  }

  /** The port to the parent: its MESSAGE events are the parent's {@code postMessage}s. */
  public MessagePort parentPort() {
    return parentPort;
  }

  /** The value passed as {@link WorkerOptions#workerData}, shared by reference. */
  public Object workerData() {
    return worker.options().workerData();
  }

  /** The worker's id, as the parent's {@link Worker#threadId()}. */
  public int threadId() {
    return worker.threadId();
  }

  /**
   * Whether the parent called {@link Worker#terminate()}. A long computation checks this (or
   * its thread's interrupt flag) to stop in the middle of a callback.
   */
  public boolean isTerminating() {
    return worker.terminating();
  }

  /** Node's {@code process.exit(code)} inside a worker: the loop stops after this callback. */
  public void exit(int code) {
    loop().checkInLoop();
    worker.exitRequested(code);
    loop().shutdown();
  }
}
