package io.loopstreams.core;

import java.util.function.BiConsumer;

/**
 * A promise job that observes a settled promise without deriving one: an {@link
 * Promise#onSettled} callback ({@code target} null), or the forwarding step by which a promise
 * adopts another one on the same loop. The job queue hands it the settled promise's outcome
 * ({@link Promise#jobArgument}).
 */
final class PromiseReaction implements JobQueue.Job {
  private final Promise<Object> target;
  private final BiConsumer<Object, Throwable> callback;

  @SuppressWarnings("unchecked")
  PromiseReaction(Promise<?> target, BiConsumer<?, ? super Throwable> callback) {
    this.target = (Promise<Object>) target;
    this.callback = (BiConsumer<Object, Throwable>) callback;
  }

  @Override
  public void run(Object arg) {
    boolean ok = Promise.fulfilledWith(arg);
    Object value = Promise.outcomeOf(arg);
    if (target == null) {
      callback.accept(ok ? value : null, ok ? null : (Throwable) value);
    } else if (ok) {
      target.resolveInternal(value);
    } else {
      target.rejectInternal((Throwable) value);
    }
  }
}
