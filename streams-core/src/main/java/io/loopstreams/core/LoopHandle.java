package io.loopstreams.core;

/**
 * Something that may keep its {@link EventLoop} alive: a timer, an immediate, a server, a socket.
 *
 * <p>A handle is <em>active</em> while it has work pending (a timer not yet fired, a server
 * listening). An active handle that is also <em>ref'd</em> (the default) keeps {@link
 * EventLoop#run} from returning, exactly like a libuv handle keeps Node's process alive.
 * {@link #unref()} removes it from that count without cancelling it.
 *
 * <p>Loop-confined: every method must be called on the owning loop's thread.
 */
public abstract class LoopHandle {

  // immutable
  final EventLoop loop;

  // loop thread only
  private boolean refed = true;
  private boolean active;

  protected LoopHandle(EventLoop loop) {
    this.loop = java.util.Objects.requireNonNull(loop, "loop");
  }

  /** The loop this handle belongs to. */
  public final EventLoop loop() {
    return loop;
  }

  /** Counts this handle towards the loop's liveness again (the default). */
  public LoopHandle ref() {
    loop.checkInLoop();
    if (!refed) {
      refed = true;
      if (active) {
        loop.addRefs(1);
      }
    }
    return this;
  }

  /** Stops counting this handle towards the loop's liveness; it still fires if the loop runs. */
  public LoopHandle unref() {
    loop.checkInLoop();
    if (refed) {
      refed = false;
      if (active) {
        loop.addRefs(-1);
      }
    }
    return this;
  }

  public final boolean hasRef() {
    return refed;
  }

  /** Whether the handle has work pending (a timer armed, a server listening). */
  public final boolean isActive() {
    return active;
  }

  /** Deactivates the handle: a timer is cleared, a keep-alive released. Idempotent. */
  public abstract void close();

  /** Marks the handle active; the loop stays alive while it is active and ref'd. */
  protected final void activate() {
    if (!active) {
      active = true;
      if (refed) {
        loop.addRefs(1);
      }
    }
  }

  /** Marks the handle inactive. */
  protected final void deactivate() {
    if (active) {
      active = false;
      if (refed) {
        loop.addRefs(-1);
      }
    }
  }
}
