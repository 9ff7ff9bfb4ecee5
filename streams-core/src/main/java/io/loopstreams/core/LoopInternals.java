package io.loopstreams.core;

import io.loopstreams.core.internal.LoopAccess;

/** The one {@link LoopAccess}: the loop's internals for the stream and monitor packages. */
final class LoopInternals extends LoopAccess {

  @Override
  public long cachedNanos(EventLoop loop) {
    return loop.cachedNanos();
  }

  @Override
  public Object enterStage(EventLoop loop, Object stage) {
    return loop.probe().enterStage(stage);
  }

  @Override
  public boolean watched(EventLoop loop) {
    return loop.probe().isWatched();
  }

  @Override
  public void exitStage(EventLoop loop, Object previous) {
    loop.probe().exitStage(previous);
  }

  @Override
  public void watched(EventLoop loop, int delta) {
    loop.probe().watched(delta);
  }

  @Override
  public Object runningStage(EventLoop loop) {
    return loop.probe().runningStage();
  }

  @Override
  public long callbacksStarted(EventLoop loop) {
    return loop.probe().callbacksStarted();
  }

  @Override
  public boolean isParked(EventLoop loop) {
    return loop.isParked();
  }

  @Override
  public boolean onTerminate(EventLoop loop, Runnable action) {
    return loop.onTerminate(action);
  }

  @Override
  public void removeOnTerminate(EventLoop loop, Runnable action) {
    loop.removeOnTerminate(action);
  }

  @Override
  public long dueNanos(Timeout timer) {
    return timer.dueNanos;
  }
}
