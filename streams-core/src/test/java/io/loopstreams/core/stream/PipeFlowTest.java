package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-pipe-flow.js} and {@code
 * test-stream-readable-no-unneeded-readable.js}: a pipe into a high-water-mark-0 writable keeps
 * flowing to the end; a readable pulling from a piped chain by {@code read()} and READABLE gets
 * everything and ends.
 */
class PipeFlowTest {

  @Test
  void aPipeIntoAHighWaterMarkZeroWritableFlowsToTheEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] ticks = {17};
      Readable<Object>[] rs = new Readable[1];
      rs[0] = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
          if (ticks[0]-- > 0) {
            loop.nextTick(() -> push(new Object()));
            return;
          }
          push(new Object());
          push(null);
        }
      };
      int[] writes = {0};
      Writable<Object> ws = Writable.create(StreamOptions.objects().highWaterMark(0), (d, cb) -> {
        writes[0]++;
        loop.setImmediate(cb::done);
      });
      rs[0].on(Stream.END, () -> ev.add("end"));
      ws.on(Stream.FINISH, () -> ev.add("finish writes=" + writes[0]));
      rs[0].pipe(ws);
    });
    assertEquals(List.of("end", "finish writes=18"), ev);
  }

  @Test
  void aReadablePullingFromAPipedChainGetsEverythingAndEnds() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] missing = {8};
      Readable<Object> rs = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
          push(missing[0]-- != 0 ? new Object() : null);
        }
      };
      PassThrough<Object> pt = rs.pipe(new PassThrough<>(StreamOptions.objects().highWaterMark(2)))
          .pipe(new PassThrough<>(StreamOptions.objects().highWaterMark(2)));
      int[] n = {0};
      Readable<Object>[] wrapper = new Readable[1];
      wrapper[0] = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
          loop.nextTick(() -> {
            Object data = pt.read();
            if (data == null) {
              pt.once(Stream.READABLE, () -> {
                Object d = pt.read();
                if (d != null) {
                  n[0]++;
                  push(d);
                }
              });
            } else {
              n[0]++;
              push(data);
            }
          });
        }
      };
      pt.on(Stream.END, () -> wrapper[0].push(null));
      wrapper[0].resume();
      wrapper[0].on(Stream.END, () -> ev.add("end n=" + n[0]));
    });
    assertEquals(List.of("end n=8"), ev);
  }

  @Test
  void aWrapperReadingAPassThroughDoesNotMissTheEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> source = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
        }
      };
      source.push(ByteChunks.buf("foo"));
      source.push(ByteChunks.buf("bar"));
      source.push(null);
      PassThrough<ByteBuffer> pt = source.pipe(new PassThrough<>(StreamOptions.bytes()));
      Readable<ByteBuffer>[] wrapper = new Readable[1];
      wrapper[0] = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
          ByteBuffer data = pt.read();
          if (data != null) {
            push(data);
            return;
          }
          pt.once(Stream.READABLE, () -> {
            ByteBuffer d = pt.read();
            if (d != null) {
              push(d);
            }
          });
        }
      };
      pt.once(Stream.END, () -> wrapper[0].push(null));
      wrapper[0].onData(d -> ev.add("data " + ByteChunks.str(d)));
      wrapper[0].once(Stream.END, () -> ev.add("end"));
    });
    assertEquals(List.of("data foobar", "end"), ev);
  }
}
