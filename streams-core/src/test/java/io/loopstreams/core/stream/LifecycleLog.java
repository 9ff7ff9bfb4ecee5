package io.loopstreams.core.stream;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.StreamException;
import java.util.ArrayList;
import java.util.List;

/**
 * An ordered record of lifecycle events and callback outcomes, for asserting exact event orders
 * the way Node's tests do with arrays. Errors are recorded by code ({@code ERR_*}) or, for errors
 * without one, by message.
 */
final class LifecycleLog {

  final List<String> events = new ArrayList<>();

  /** Records {@code entry}. */
  void add(String entry) {
    events.add(entry);
  }

  /** A callback that records {@code label:outcome}. */
  Callback cb(String label) {
    return e -> events.add(label + ":" + code(e));
  }

  /** Records prefinish, finish, drain, error:code and close of {@code s}. */
  <S extends Stream> S watch(S s) {
    return watch(s, "");
  }

  /** Like {@link #watch(Stream)} with each entry prefixed by {@code name + " "}. */
  <S extends Stream> S watch(S s, String name) {
    String p = name.isEmpty() ? "" : name + " ";
    s.on(Stream.PREFINISH, () -> events.add(p + "prefinish"));
    s.on(Stream.FINISH, () -> events.add(p + "finish"));
    s.on(Stream.DRAIN, () -> events.add(p + "drain"));
    s.on(EventEmitter.ERROR, e -> events.add(p + "error:" + code(e)));
    s.on(Stream.CLOSE, () -> events.add(p + "close"));
    return s;
  }

  /** {@code "null"}, the Node code of a {@link StreamException}, or the message. */
  static String code(Throwable e) {
    if (e == null) {
      return "null";
    }
    return e instanceof StreamException se ? se.codeName() : e.getMessage();
  }
}
