package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Timeout;
import io.loopstreams.core.monitor.LoopDelayMonitor;
import io.loopstreams.core.monitor.LoopMonitor;
import io.loopstreams.core.worker.MessagePort;
import io.loopstreams.core.worker.Worker;
import io.loopstreams.core.worker.WorkerContext;
import java.io.PrintStream;
import java.nio.ByteBuffer;

/**
 * "Resize an image on every request", first on the loop, then on a worker, with the loop's delay
 * measured each time (the project's loop monitor, Node's {@code monitorEventLoopDelay}). The
 * requests are simulated: a timer every 20 ms asks for a 1600x1200 RGBA picture scaled to a
 * quarter of its size with a 5x5 box blur, pure-Java CPU work.
 *
 * <p>On the loop, every request holds the loop for the whole resize: the delay's maximum is about
 * one resize. On the worker, the loop only moves the pixels (transferred, not copied) and the
 * answer back: its delay stays near zero while the same work is done.
 */
public final class ResizeOnWorker {

  static final int WIDTH = 1600;
  static final int HEIGHT = 1200;
  static final int SCALE = 4;

  private ResizeOnWorker() {
  }

  public static void main(String[] args) {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    run(requests, System.out);
  }

  /** Serves {@code requests} requests each way; returns {max delay on the loop, on a worker} in ns. */
  static long[] run(int requests, PrintStream out) {
    long onLoop = serve(requests, false, out);
    long onWorker = serve(requests, true, out);
    out.printf("max loop delay: %.1f ms on the loop, %.1f ms with a worker%n", onLoop / 1e6, onWorker / 1e6);
    return new long[] {onLoop, onWorker};
  }

  private static long serve(int requests, boolean useWorker, PrintStream out) {
    long[] max = new long[1];
    EventLoop.run(loop -> {
      LoopDelayMonitor delay = LoopMonitor.delay(loop, 5);
      delay.enable();
      Worker worker = useWorker ? Worker.start(ResizeOnWorker::resizeServer) : null;
      int[] answered = {0};
      Runnable done = () -> {
        if (++answered[0] == requests) {
          delay.disable();
          LoopDelayMonitor.Snapshot s = delay.snapshot();
          max[0] = s.maxNanos();
          out.printf("%-12s %d requests answered, loop delay p99 %.1f ms, max %.1f ms%n",
              useWorker ? "on a worker:" : "on the loop:", requests,
              s.percentileNanos(99) / 1e6, s.maxNanos() / 1e6);
          if (worker != null) {
            worker.terminate();
          }
        }
      };
      if (worker != null) {
        worker.on(Worker.MESSAGE, (Object resized) -> done.run());
      }
      int[] sent = {0};
      Timeout[] requestsArrive = new Timeout[1];
      requestsArrive[0] = loop.setInterval(() -> {
        ByteBuffer picture = picture(sent[0]);
        if (worker == null) {
          resize(picture); // the handler as first written: the loop does the work
          done.run();
        } else {
          worker.postMessage(picture, picture); // moved to the worker, not copied
        }
        if (++sent[0] == requests) {
          loop.clearInterval(requestsArrive[0]);
        }
      }, 20);
    });
    return max[0];
  }

  /** The worker: resizes each picture it receives and sends the result back, moved again. */
  static void resizeServer(WorkerContext ctx) {
    MessagePort parent = ctx.parentPort();
    parent.on(MessagePort.MESSAGE, (Object m) -> {
      ByteBuffer small = resize((ByteBuffer) m);
      parent.postMessage(small, small);
    });
  }

  /** A generated RGBA picture: a gradient that differs per request. */
  static ByteBuffer picture(int seed) {
    ByteBuffer b = ByteBuffer.allocate(WIDTH * HEIGHT * 4);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        b.put((byte) (x + seed)).put((byte) y).put((byte) (x ^ y)).put((byte) 255);
      }
    }
    return b.flip();
  }

  /** Scales to 1/SCALE per side; each output pixel is the mean of a 5x5 neighbourhood. */
  static ByteBuffer resize(ByteBuffer src) {
    int w = WIDTH / SCALE;
    int h = HEIGHT / SCALE;
    ByteBuffer dst = ByteBuffer.allocate(w * h * 4);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 4; c++) {
          int sum = 0;
          int n = 0;
          for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
              int sx = Math.min(WIDTH - 1, Math.max(0, x * SCALE + dx));
              int sy = Math.min(HEIGHT - 1, Math.max(0, y * SCALE + dy));
              sum += src.get((sy * WIDTH + sx) * 4 + c) & 0xff;
              n++;
            }
          }
          dst.put((byte) (sum / n));
        }
      }
    }
    return dst.flip();
  }
}
