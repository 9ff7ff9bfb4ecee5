package io.loopstreams.net;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Timeout;

/**
 * A socket's idle timeout, Node's {@code socket.setTimeout}: TIMEOUT after the period passes with
 * no reads or writes. Activity only records the loop's cached time; the unref'd timer checks it
 * when it fires and re-arms for the remainder, so a busy socket never touches the timer heap.
 */
final class IdleTimer {
  private final Socket socket;
  private long millis;
  private long lastActive;
  private Timeout timer;

  IdleTimer(Socket socket) {
    this.socket = socket;
  }

  void set(long periodMillis) {
    stop();
    millis = periodMillis;
    if (periodMillis > 0) {
      touch();
      arm(periodMillis);
    }
  }

  void touch() {
    if (millis > 0) {
      lastActive = socket.loop().now();
    }
  }

  void stop() {
    if (timer != null) {
      timer.close();
      timer = null;
    }
  }

  private void arm(long delay) {
    timer = socket.loop().setTimeout(this::fire, delay).unref();
  }

  private void fire() {
    EventLoop loop = socket.loop();
    long idleFor = loop.now() - lastActive;
    if (socket.destroyed()) {
      timer = null;
      return;
    }
    if (idleFor >= millis) {
      lastActive = loop.now();
      arm(millis);
      socket.emit(Socket.TIMEOUT);
    } else {
      arm(millis - idleFor);
    }
  }
}
