package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-writev.js} (and the batching cases of
 * {@code test-stream-writable-writev-finish.js}): buffered chunks reach {@code doWritev} as one
 * batch holding all of them; a single buffered chunk still goes to {@code doWrite}; each
 * chunk's callback is called once. Expected orders were recorded with Node 20.
 */
class WritableWritevTest {

  /** A sink with both hooks; {@code async} completes writes on the check phase. */
  private static Writable<String> sink(LifecycleLog log, boolean async) {
    return new Writable<>(StreamOptions.objects()) {
      @Override
      protected void doWrite(String chunk, Callback callback) {
        log.add("write:" + chunk);
        complete(callback);
      }

      @Override
      protected void doWritev(List<String> chunks, Callback callback) {
        log.add("writev:" + String.join(",", chunks));
        complete(callback);
      }

      private void complete(Callback callback) {
        if (async) {
          loop().setImmediate(callback::done);
        } else {
          callback.done();
        }
      }
    };
  }

  @Test
  void corkedWritesReachDoWritevAsOneBatchWithAllChunks() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink(log, false));
      w.cork();
      for (String x : List.of("a", "b", "c")) {
        w.write(x, log.cb("cb " + x));
      }
      log.add("corked:" + w.writableCorked() + ":" + w.writableLength());
      w.uncork();
      log.add("uncorked:" + w.writableLength());
      w.end(log.cb("end cb"));
    });
    assertEquals(List.of("corked:1:3", "writev:a,b,c", "uncorked:0", "prefinish", "cb a:null",
        "cb b:null", "cb c:null", "end cb:null", "finish", "close"), log.events);
  }

  @Test
  void writesBufferedWhileOneIsInFlightGoToDoWritevTogether() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink(log, true));
      for (String x : List.of("a", "b", "c")) {
        w.write(x, log.cb("cb " + x));
      }
      w.end();
    });
    assertEquals(List.of("write:a", "writev:b,c", "cb a:null", "cb b:null", "cb c:null",
        "prefinish", "finish", "close"), log.events);
  }

  @Test
  void aSingleBufferedChunkGoesToDoWriteNotDoWritev() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(log, false);
      w.cork();
      w.write("a", log.cb("cb a"));
      w.uncork();
      log.add("sync");
    });
    assertEquals(List.of("write:a", "sync", "cb a:null"), log.events);
  }

  @Test
  void withoutDoWritevBufferedChunksGoToDoWriteOneByOne() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = new Writable<>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write:" + chunk);
          callback.done();
        }
      };
      w.cork();
      w.write("a", e -> log.add("cb a"));
      w.write("b", e -> log.add("cb b"));
      w.uncork();
      log.add("sync");
    });
    assertEquals(List.of("write:a", "write:b", "sync", "cb a", "cb b"), log.events);
  }

  @Test
  void aFailedWritevFailsEveryChunkOfTheBatch() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<>(StreamOptions.objects()) {
        @Override
        protected void doWritev(List<String> chunks, Callback callback) {
          log.add("writev:" + String.join(",", chunks));
          loop().setImmediate(() -> callback.done(new IllegalStateException("batch failed")));
        }
      });
      w.cork();
      w.write("a", log.cb("cb a"));
      w.write("b", log.cb("cb b"));
      w.uncork();
    });
    assertEquals(List.of("writev:a,b", "cb a:batch failed", "cb b:batch failed",
        "error:batch failed", "close"), log.events);
  }

  @Test
  void withOnlyDoWritevEachUnbatchedWriteGoesToDoWritevAlone() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWritev(List<String> chunks, Callback callback) {
          log.add("writev:" + String.join(",", chunks));
          callback.done();
        }
      });
      w.write("a", log.cb("cb a"));
      w.write("b");
      w.write("c");
      w.end();
    });
    assertEquals(List.of("writev:a", "writev:b", "writev:c", "prefinish", "cb a:null", "finish",
        "close"), log.events);
  }
}
