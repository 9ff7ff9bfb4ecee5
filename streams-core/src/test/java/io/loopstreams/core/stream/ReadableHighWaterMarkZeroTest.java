package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-readable-hwm-0.js}, {@code
 * test-stream-readable-hwm-0-async.js} and {@code test-stream-readable-hwm-0-no-flow-data.js}:
 * a readable with a high-water mark of 0 buffers nothing and reads only on demand.
 */
class ReadableHighWaterMarkZeroTest {

  private static final StreamOptions OBJECTS_HWM0 = StreamOptions.objects().highWaterMark(0);

  @Test
  void aReadableListenerCallsReadOnceAndFiresOnlyAfterTheEnd() {
    List<String> calls = new ArrayList<>();
    EventLoop.run(loop -> {
      boolean[] pushedNull = {false};
      Readable<String> r = new Readable<>(OBJECTS_HWM0) {
        @Override
        protected void doRead(long size) {
          calls.add("_read");
        }
      };
      r.on(Stream.READABLE, () -> calls.add("readable read:" + r.read() + " pushedNull:" + pushedNull[0]));
      r.on(Stream.END, () -> calls.add("end"));
      loop.nextTick(() -> {
        calls.add("read:" + r.read());
        pushedNull[0] = true;
        r.push(null);
      });
    });
    assertEquals(List.of("_read", "read:null", "readable read:null pushedNull:true", "end"), calls);
  }

  @Test
  void asynchronousPushesKeepReadBeingCalledUntilTheEnd() {
    List<String> calls = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] count = {5};
      Readable<String> r = new Readable<>(OBJECTS_HWM0) {
        @Override
        protected void doRead(long size) {
          calls.add("_read");
          loop.nextTick(() -> push(count[0]-- > 0 ? "a" : null));
        }
      };
      r.onData(d -> calls.add("data:" + d));
      r.on(Stream.END, () -> calls.add("end"));
    });
    assertEquals(List.of("_read", "data:a", "_read", "data:a", "_read", "data:a", "_read", "data:a",
        "_read", "data:a", "_read", "end"), calls);
  }

  @Test
  void aDataListenerBesideAReadableListenerDoesNotMakeTheStreamFlow() {
    List<String> calls = new ArrayList<>();
    List<Object> checks = new ArrayList<>();
    EventLoop.run(loop -> {
      List<String> streamData = new ArrayList<>(Arrays.asList("a", null));
      Readable<String>[] ref = new Readable[1];
      Readable<String> r = new Readable<>(OBJECTS_HWM0) {
        @Override
        protected void doRead(long size) {
          calls.add("_read:" + streamData.get(0));
          loop.nextTick(() -> {
            calls.add("push:" + streamData.get(0));
            ref[0].push(streamData.remove(0));
          });
        }
      };
      ref[0] = r;
      checks.add(r.readableFlowing());
      r.on(Stream.READABLE, () -> calls.add("readable"));
      checks.add(r.readableFlowing());
      r.onData(d -> calls.add("data:" + d));
      r.on(Stream.END, () -> calls.add("end"));
      checks.add(r.readableFlowing());
      loop.setTimeout(() -> {
        checks.add(List.copyOf(calls));
        checks.add(r.read());
        checks.add(r.read());
        loop.setTimeout(() -> {
          checks.add(List.copyOf(calls));
          checks.add(r.read());
          checks.add(List.copyOf(calls));
        }, 1);
      }, 1);
    });
    List<Object> expected = new ArrayList<>();
    expected.add(null);
    expected.add(false);
    expected.add(false);
    expected.add(List.of("_read:a", "push:a", "readable"));
    expected.add("a");
    expected.add(null);
    expected.add(List.of("_read:a", "push:a", "readable", "data:a", "_read:null", "push:null", "readable"));
    expected.add(null);
    expected.add(List.of("_read:a", "push:a", "readable", "data:a", "_read:null", "push:null", "readable"));
    assertEquals(expected, checks);
    assertEquals(List.of("_read:a", "push:a", "readable", "data:a", "_read:null", "push:null",
        "readable", "end"), calls);
  }

  @Test
  void pushReturnsFalseOnceAnythingIsBufferedAndTrueWhenAFlowingConsumerTookTheChunk() {
    List<Object> returns = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<String> paused = new Readable<>(OBJECTS_HWM0) {
        @Override
        protected void doRead(long size) {
        }
      };
      returns.add(paused.push("a"));
      returns.add(paused.push("b"));
      returns.add(paused.readableLength());
      Readable<String> flowing = new Readable<>(OBJECTS_HWM0) {
        @Override
        protected void doRead(long size) {
        }
      };
      flowing.onData(d -> returns.add("data:" + d));
      loop.setImmediate(() -> {
        returns.add(flowing.push("x"));
        returns.add(flowing.readableLength());
      });
    });
    assertEquals(List.of(false, false, 2L, "data:x", true, 0L), returns);
  }

  @Test
  void pausingRightAfterAddingADataListenerStillCallsReadOnceAndEmitsNoData() {
    int[] reads = {0};
    List<Object> data = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<String> r = new Readable<>(OBJECTS_HWM0) {
        @Override
        protected void doRead(long size) {
          reads[0]++;
        }
      };
      loop.setImmediate(() -> {
        assertEquals(0, reads[0]);
        r.onData(data::add);
        r.pause();
      });
    });
    assertEquals(1, reads[0]);
    assertEquals(List.of(), data);
  }
}
