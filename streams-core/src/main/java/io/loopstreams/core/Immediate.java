package io.loopstreams.core;

/**
 * A callback queued for the loop's check phase by {@link EventLoop#setImmediate}. Node's
 * {@code Immediate}.
 */
public final class Immediate extends LoopHandle {

  final Runnable callback;
  boolean cleared;

  Immediate(EventLoop loop, Runnable callback) {
    super(loop);
    this.callback = callback;
  }

  @Override
  public Immediate ref() {
    super.ref();
    return this;
  }

  @Override
  public Immediate unref() {
    super.unref();
    return this;
  }

  /** Same as {@link EventLoop#clearImmediate(Immediate)}. */
  @Override
  public void close() {
    loop.clearImmediate(this);
  }

  @Override
  public String toString() {
    return "Immediate[" + (cleared ? "cleared" : isActive() ? "pending" : "done") + "]";
  }
}
