package io.loopstreams.examples;

import io.loopstreams.core.Event;
import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Timeout;

/**
 * Your own EventEmitter with typed events: {@code ./run-example CustomEmitter}. A kettle heats
 * in steps on loop timers and tells its listeners: {@code TEMPERATURE} carries an int,
 * {@code BOILED} nothing, and an empty kettle reports {@code ERROR} (which, as in Node, would
 * throw if nobody listened). The compiler checks each listener against its event's payload type.
 */
public final class CustomEmitter {

  private CustomEmitter() {
  }

  /** A kettle that heats in 20-degree steps every 10 ms, on its loop. */
  static final class Kettle extends EventEmitter {
    static final Event<Integer> TEMPERATURE = Event.of("temperature");
    static final Event<Void> BOILED = Event.of("boiled");

    private final EventLoop loop;
    private final int waterMillilitres;

    Kettle(EventLoop loop, int waterMillilitres) {
      this.loop = loop;
      this.waterMillilitres = waterMillilitres;
    }

    void heat() {
      if (waterMillilitres == 0) {
        // Emitted on a later tick, as Node's emitters do, so a listener added after heat() hears it.
        loop.nextTick(() -> emit(ERROR, new IllegalStateException("the kettle is empty")));
        return;
      }
      int[] degrees = {20};
      Timeout[] step = new Timeout[1];
      step[0] = loop.setInterval(() -> {
        degrees[0] += 20;
        emit(TEMPERATURE, degrees[0]);
        if (degrees[0] >= 100) {
          loop.clearInterval(step[0]);
          emit(BOILED);
        }
      }, 10);
    }
  }

  public static void main(String[] args) {
    EventLoop.run(loop -> {
      Kettle kettle = new Kettle(loop, 500);
      kettle.on(Kettle.TEMPERATURE, (Integer degrees) -> System.out.println("temperature " + degrees));
      kettle.once(Kettle.BOILED, () -> System.out.println("boiled: time for tea"));
      kettle.on(Kettle.BOILED, () -> System.out.println("boiled listeners left: " + kettle.listenerCount(Kettle.BOILED)));
      kettle.heat();

      Kettle empty = new Kettle(loop, 0);
      empty.heat();
      empty.on(EventEmitter.ERROR, e -> System.out.println("empty kettle: " + e.getMessage()));
    });
  }
}
