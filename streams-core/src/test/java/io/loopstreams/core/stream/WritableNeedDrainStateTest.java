package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-writable-needdrain-state.js} and the
 * backpressure part of {@code test-stream-big-push.js}/{@code test-stream-writev.js}: {@code
 * write()} returns false once the buffered amount reaches the mark, {@code writableNeedDrain}
 * follows, and exactly one DRAIN is emitted when the buffer empties. Expected orders were
 * recorded with Node 20.
 */
class WritableNeedDrainStateTest {

  /** An object-mode writable with mark {@code hwm} completing each write on the check phase. */
  private static Writable<Integer> slowSink(int hwm, LifecycleLog log) {
    return new Writable<>(StreamOptions.objects().highWaterMark(hwm)) {
      @Override
      protected void doWrite(Integer chunk, Callback callback) {
        log.add("write:" + chunk);
        loop().setImmediate(callback::done);
      }
    };
  }

  @Test
  void writeReturnsFalseAtTheMarkAndOneDrainFollowsWhenTheBufferEmpties() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<Integer> w = slowSink(3, log);
      w.on(Stream.DRAIN, () -> log.add("drain:" + w.writableNeedDrain() + ":" + w.writableLength()));
      log.add("w1:" + w.write(1));
      log.add("w2:" + w.write(2));
      log.add("nd:" + w.writableNeedDrain());
      log.add("w3:" + w.write(3));
      log.add("nd:" + w.writableNeedDrain());
      log.add("w4:" + w.write(4));
      log.add("len:" + w.writableLength());
    });
    assertEquals(List.of("write:1", "w1:true", "w2:true", "nd:false", "w3:false", "nd:true",
        "w4:false", "len:4", "write:2", "write:3", "write:4", "drain:false:0"), log.events);
  }

  @Test
  void byteModeCountsBytesAndAnEqualLengthCountsAsFull() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<ByteBuffer> w = new Writable<>(StreamOptions.bytes().highWaterMark(16)) {
        @Override
        protected void doWrite(ByteBuffer chunk, Callback callback) {
          log.add("write:" + chunk.remaining());
          loop().setImmediate(callback::done);
        }
      };
      log.watch(w);
      log.add("w1:" + w.write(ByteBuffer.allocate(8)));
      log.add("w2:" + w.write(ByteBuffer.allocate(7)));
      log.add("w3:" + w.write(ByteBuffer.allocate(1)));
      log.add("len:" + w.writableLength());
    });
    assertEquals(List.of("write:8", "w1:true", "w2:true", "w3:false", "len:16", "write:7",
        "write:1", "drain"), log.events);
  }

  @Test
  void drainIsNotEmittedWhenWriteNeverReturnedFalse() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<Integer> w = log.watch(new Writable<>(StreamOptions.objects().highWaterMark(3)) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          loop().setImmediate(callback::done);
        }
      });
      log.add("w1:" + w.write(1));
      log.add("w2:" + w.write(2));
      loop.setImmediate(() -> loop.setImmediate(() -> loop.setImmediate(() -> {
        log.add("len:" + w.writableLength());
        w.end();
      })));
    });
    assertEquals(List.of("w1:true", "w2:true", "len:0", "prefinish", "finish", "close"), log.events);
  }

  @Test
  void drainIsNotEmittedAfterEndWasCalled() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<Integer> w = log.watch(slowSink(2, log));
      log.add("w1:" + w.write(1));
      log.add("w2:" + w.write(2));
      w.end();
      log.add("nd:" + w.writableNeedDrain());
    });
    assertEquals(List.of("write:1", "w1:true", "w2:false", "nd:false", "write:2", "prefinish",
        "finish", "close"), log.events);
  }

  @Test
  void markZeroMakesEveryWriteReturnFalseAndDrainFollowEach() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<Integer> w = log.watch(slowSink(0, log));
      log.add("w1:" + w.write(1));
      w.once(Stream.DRAIN, () -> {
        log.add("w2:" + w.write(2));
        w.once(Stream.DRAIN, () -> w.end());
      });
    });
    assertEquals(List.of("write:1", "w1:false", "drain", "write:2", "w2:false", "drain",
        "prefinish", "finish", "close"), log.events);
  }

  @Test
  void synchronousWritesBelowTheMarkNeverNeedDrain() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<Integer> w = log.watch(new Writable<>(StreamOptions.objects().highWaterMark(2)) {
        @Override
        protected void doWrite(Integer chunk, Callback callback) {
          log.add("write:" + chunk);
          callback.done();
        }
      });
      log.add("w1:" + w.write(1));
      log.add("w2:" + w.write(2));
      log.add("w3:" + w.write(3));
      log.add("sync");
    });
    assertEquals(List.of("write:1", "w1:true", "write:2", "w2:true", "write:3", "w3:true", "sync"),
        log.events);
  }

  @Test
  void aWritevBatchThatEmptiesTheBufferEmitsOneDrainBeforeTheBatchCallbacks() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Writable<String> w = new Writable<>(StreamOptions.objects().highWaterMark(2)) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write:" + chunk);
          loop().setImmediate(callback::done);
        }

        @Override
        protected void doWritev(List<String> chunks, Callback callback) {
          log.add("writev:" + String.join(",", chunks));
          loop().setImmediate(callback::done);
        }
      };
      w.on(Stream.DRAIN, () -> log.add("drain len:" + w.writableLength()));
      for (String x : List.of("a", "b", "c", "d")) {
        log.add(x + ":" + w.write(x, e -> log.add("cb " + x)));
      }
    });
    assertEquals(List.of("write:a", "a:true", "b:false", "c:false", "d:false", "writev:b,c,d", "cb a",
        "drain len:0", "cb b", "cb c", "cb d"), log.events);
  }
}
