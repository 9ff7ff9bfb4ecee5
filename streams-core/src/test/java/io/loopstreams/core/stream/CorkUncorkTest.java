package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream3-cork-uncork.js}, {@code
 * test-stream3-cork-end.js}, {@code test-stream-writableState-uncorked-bufferedRequestCount.js}
 * and the {@code writableCorked} case of {@code test-stream-writable-properties.js}:
 * cork depth, the synchronous flush when it returns to zero, and {@code end()} fully uncorking.
 * Expected orders were recorded with Node 20.
 */
class CorkUncorkTest {

  private static Writable<String> sink(LifecycleLog log) {
    return new Writable<>(StreamOptions.objects()) {
      @Override
      protected void doWrite(String chunk, Callback callback) {
        log.add("write:" + chunk);
        callback.done();
      }

      @Override
      protected void doWritev(List<String> chunks, Callback callback) {
        log.add("writev:" + String.join(",", chunks));
        callback.done();
      }
    };
  }

  @Test
  void nestedCorksNeedAsManyUncorksBeforeTheBatchIsWritten() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(log);
      w.cork();
      w.cork();
      w.write("a");
      w.write("b");
      w.uncork();
      log.add("corked:" + w.writableCorked() + ":" + w.writableLength());
      w.uncork();
      log.add("corked:" + w.writableCorked() + ":" + w.writableLength());
    });
    assertEquals(List.of("corked:1:2", "writev:a,b", "corked:0:0"), log.events);
  }

  @Test
  void endFullyUncorksAndWritesItsChunkInTheSameBatch() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink(log));
      w.cork();
      w.cork();
      w.write("a");
      w.write("b");
      w.end("c");
      log.add("sync corked:" + w.writableCorked());
    });
    assertEquals(List.of("writev:a,b,c", "prefinish", "sync corked:0", "finish", "close"),
        log.events);
  }

  @Test
  void endWithCorkedWritesCallsEveryCallbackBeforeFinish() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = log.watch(sink(log));
      w.cork();
      w.write("a", log.cb("cb a"));
      w.write("b", log.cb("cb b"));
      w.end(log.cb("end cb"));
      log.add("sync");
    });
    assertEquals(List.of("writev:a,b", "prefinish", "sync", "cb a:null", "cb b:null",
        "end cb:null", "finish", "close"), log.events);
  }

  @Test
  void writesWhileCorkedAreBufferedAndCountedInWritableLength() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(log);
      w.cork();
      log.add("w:" + w.write("a"));
      log.add("w:" + w.write("b"));
      log.add("len:" + w.writableLength() + " corked:" + w.writableCorked());
      loop.nextTick(() -> {
        log.add("uncork");
        w.uncork();
        log.add("len:" + w.writableLength());
      });
    });
    assertEquals(List.of("w:true", "w:true", "len:2 corked:1", "uncork", "writev:a,b", "len:0"),
        log.events);
  }

  /**
   * A byte stream corked around two writes, uncorked, ended, with a tick queued after end:
   * {@code no callbacks} or a callback on the first write. Node's {@code allNoop}: a batch of
   * callback-less writes completes as one callback-less write, so a synchronous completion needs
   * no tick of its own and FINISH comes before the later tick; one callback in the batch defers
   * FINISH behind it. Recorded with Node 20.
   */
  private static List<String> corkedBatchThenEnd(boolean callbackOnFirst) {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<ByteBuffer> w = new Writable<>(StreamOptions.bytes()) {
        @Override
        protected void doWrite(ByteBuffer chunk, Callback callback) {
          log.add("write");
          callback.done();
        }

        @Override
        protected void doWritev(List<ByteBuffer> chunks, Callback callback) {
          log.add("writev " + chunks.size());
          callback.done();
        }
      };
      w.on(Stream.FINISH, () -> log.add("finish"));
      w.cork();
      w.write(ByteBuffer.wrap(new byte[] {'a'}), callbackOnFirst ? log.cb("cb a") : null);
      w.write(ByteBuffer.wrap(new byte[] {'b'}));
      w.uncork();
      w.end();
      loop.nextTick(() -> log.add("tick"));
    });
    return log.events;
  }

  @Test
  void aBatchOfCallbackLessWritesCompletedAtOnceFinishesBeforeALaterTick() {
    assertEquals(List.of("writev 2", "finish", "tick"), corkedBatchThenEnd(false));
  }

  @Test
  void aBatchWithOneCallbackFinishesAfterItsCallbackAndALaterTick() {
    assertEquals(List.of("writev 2", "cb a:null", "tick", "finish"), corkedBatchThenEnd(true));
  }

  @Test
  void onlyTheWritesOfABatchThatHadACallbackGetOneEachInOrder() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(log);
      w.cork();
      w.write("a");
      w.write("b", log.cb("cb b"));
      w.write("c");
      w.write("d", log.cb("cb d"));
      w.uncork();
      log.add("uncorked");
    });
    assertEquals(List.of("writev:a,b,c,d", "uncorked", "cb b:null", "cb d:null"), log.events);
  }

  @Test
  void uncorkWithoutCorkDoesNothing() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = sink(log);
      w.uncork();
      log.add("corked:" + w.writableCorked());
      w.write("a");
      w.cork();
      w.write("b");
      log.add("len:" + w.writableLength());
      w.uncork();
      w.uncork();
      log.add("corked:" + w.writableCorked());
    });
    assertEquals(List.of("corked:0", "write:a", "len:1", "write:b", "corked:0"), log.events);
  }
}
