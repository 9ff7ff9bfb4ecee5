package io.loopstreams.core;

import io.loopstreams.core.Promise.Settled;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The bodies of {@link Promise}'s combinators: {@code all}, {@code allSettled}, {@code race}, {@code any}. */
final class PromiseCombinators {

  private PromiseCombinators() {
  }

  static <T> Promise<List<T>> all(EventLoop loop, List<? extends Promise<? extends T>> promises) {
    loop.checkInLoop();
    Promise<List<T>> out = new Promise<>(loop);
    int n = promises.size();
    if (n == 0) {
      out.resolveInternal(List.of());
      return out;
    }
    Object[] values = new Object[n];
    int[] remaining = {n};
    for (int i = 0; i < n; i++) {
      int index = i;
      promises.get(i).onSettled((v, e) -> {
        if (e != null) {
          out.rejectInternal(e);
        } else {
          values[index] = v;
          if (--remaining[0] == 0) {
            @SuppressWarnings("unchecked") List<T> list = (List<T>) Collections.unmodifiableList(Arrays.asList(values));
            out.resolveInternal(list);
          }
        }
      });
    }
    return out;
  }
  static <T> Promise<List<Settled<T>>> allSettled(EventLoop loop,
      List<? extends Promise<? extends T>> promises) {
    loop.checkInLoop();
    Promise<List<Settled<T>>> out = new Promise<>(loop);
    int n = promises.size();
    if (n == 0) {
      out.resolveInternal(List.of());
      return out;
    }
    @SuppressWarnings("unchecked") Settled<T>[] outcomes = new Settled[n];
    int[] remaining = {n};
    for (int i = 0; i < n; i++) {
      int index = i;
      promises.get(i).onSettled((v, e) -> {
        outcomes[index] = e != null ? Settled.rejected(e) : Settled.fulfilled(v);
        if (--remaining[0] == 0) {
          out.resolveInternal(List.of(outcomes));
        }
      });
    }
    return out;
  }
  static <T> Promise<T> race(EventLoop loop, List<? extends Promise<? extends T>> promises) {
    loop.checkInLoop();
    Promise<T> out = new Promise<>(loop);
    for (Promise<? extends T> p : promises) {
      p.onSettled((v, e) -> {
        if (e != null) {
          out.rejectInternal(e);
        } else {
          out.resolveInternal(v);
        }
      });
    }
    return out;
  }
  static <T> Promise<T> any(EventLoop loop, List<? extends Promise<? extends T>> promises) {
    loop.checkInLoop();
    Promise<T> out = new Promise<>(loop);
    int n = promises.size();
    if (n == 0) {
      out.rejectInternal(new AggregateException("All promises were rejected", List.of()));
      return out;
    }
    Throwable[] reasons = new Throwable[n];
    int[] remaining = {n};
    for (int i = 0; i < n; i++) {
      int index = i;
      promises.get(i).onSettled((v, e) -> {
        if (e == null) {
          out.resolveInternal(v);
        } else {
          reasons[index] = e;
          if (--remaining[0] == 0) {
            out.rejectInternal(new AggregateException("All promises were rejected", Arrays.asList(reasons)));
          }
        }
      });
    }
    return out;
  }}
