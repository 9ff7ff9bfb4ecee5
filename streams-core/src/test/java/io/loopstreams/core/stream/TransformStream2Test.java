package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static io.loopstreams.core.stream.ByteChunks.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses selected cases of Node's {@code test/parallel/test-stream2-transform.js}, with the
 * values Node 20 produces: writable-side consumption, pass-through and transform {@code read(n)}
 * slicing, object pass-through, expanding and compressing transforms, the "complex transform"
 * stall case, READABLE emission counts and the pass-through facade.
 */
class TransformStream2Test {

  private static Transform<ByteBuffer, ByteBuffer> transform(StreamOptions options,
      BiConsumer<Transform<ByteBuffer, ByteBuffer>, Object[]> body) {
    return new Transform<>(options) {
      @Override
      protected void doTransform(ByteBuffer chunk, Callback callback) {
        body.accept(this, new Object[] {chunk, callback});
      }
    };
  }

  private static List<String> readAll5(Transform<ByteBuffer, ByteBuffer> pt, int times) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.add(str(pt.read(5)));
    }
    return out;
  }

  @Test
  void theWritableSideStopsConsumingOnceTheReadableSideIsFull() {
    List<Object> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      long[] transformed = {0};
      Transform<ByteBuffer, ByteBuffer> tx = transform(StreamOptions.bytes().highWaterMark(10), (t, a) -> {
        ByteBuffer c = (ByteBuffer) a[0];
        transformed[0] += c.remaining();
        t.push(c);
        ((Callback) a[1]).done(null);
      });
      for (int i = 1; i <= 10; i++) {
        tx.write(ByteBuffer.allocate(i));
      }
      tx.end();
      ev.add(tx.readableLength());
      ev.add(transformed[0]);
      ev.add(tx.writableLength());
      tx.resume();
    });
    assertEquals(List.of(10L, 10L, 49L), ev);
  }

  @Test
  void aPassThroughSlicesAndConcatenatesOnReadN() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<ByteBuffer> pt = new PassThrough<>(StreamOptions.bytes());
      for (String s : List.of("foog", "bark", "bazy", "kuel")) {
        pt.write(buf(s));
      }
      pt.end();
      out.addAll(readAll5(pt, 5));
    });
    assertEquals(List.of("foogb", "arkba", "zykue", "l", "null"), out);
  }

  @Test
  void anObjectPassThroughReturnsEveryValueAsIs() {
    List<Object> out = new ArrayList<>();
    List<Object> in = List.of(1, true, false, 0, "foo", "", List.of("a", "b"));
    EventLoop.run(loop -> {
      PassThrough<Object> pt = new PassThrough<>(StreamOptions.objects());
      in.forEach(pt::write);
      pt.end();
      for (int i = 0; i < in.size(); i++) {
        out.add(pt.read());
      }
    });
    assertEquals(in, out);
  }

  @Test
  void aSimpleTransformReplacesEveryByte() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<ByteBuffer, ByteBuffer> pt = transform(StreamOptions.bytes(), (t, a) -> {
        byte[] x = new byte[((ByteBuffer) a[0]).remaining()];
        Arrays.fill(x, (byte) 'x');
        t.push(ByteBuffer.wrap(x));
        ((Callback) a[1]).done(null);
      });
      for (String s : List.of("foog", "bark", "bazy", "kuel")) {
        pt.write(buf(s));
      }
      pt.end();
      out.addAll(readAll5(pt, 4));
    });
    assertEquals(List.of("xxxxx", "xxxxx", "xxxxx", "x"), out);
  }

  @Test
  void anExpandingAsynchronousTransformEmitsEachChunkTwice() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<ByteBuffer, ByteBuffer> pt = transform(StreamOptions.bytes(), (t, a) -> {
        ByteBuffer c = (ByteBuffer) a[0];
        loop.setImmediate(() -> {
          t.push(c.duplicate());
          loop.setImmediate(() -> {
            t.push(c.duplicate());
            ((Callback) a[1]).done(null);
          });
        });
      });
      for (String s : List.of("foog", "bark", "bazy", "kuel")) {
        pt.write(buf(s));
      }
      pt.end();
      pt.on(Stream.FINISH, () -> out.addAll(readAll5(pt, 8)));
    });
    assertEquals(List.of("foogf", "oogba", "rkbar", "kbazy", "bazyk", "uelku", "el", "null"), out);
  }

  @Test
  void aCompressingTransformFlushesWhatIsLeft() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      StringBuilder state = new StringBuilder();
      Transform<ByteBuffer, ByteBuffer> pt = new Transform<>(StreamOptions.bytes()) {
        @Override
        protected void doTransform(ByteBuffer chunk, Callback callback) {
          String s = str(chunk);
          loop.setImmediate(() -> {
            state.append(s.charAt(0));
            if (state.length() == 3) {
              push(buf(state.toString()));
              state.setLength(0);
            }
            callback.done(null);
          });
        }

        @Override
        protected void doFlush(Callback callback) {
          push(buf(state.toString()));
          state.setLength(0);
          callback.done(null);
        }
      };
      for (char c : "abcdeabcdeabcd".toCharArray()) {
        pt.write(buf(String.valueOf(c).repeat(4)));
      }
      pt.end();
      pt.on(Stream.FINISH, () -> out.addAll(readAll5(pt, 4)));
    });
    assertEquals(List.of("abcde", "abcde", "abcd", "null"), out);
  }

  @Test
  void writingToAFullStreamWithEmptyTransformsDoesNotStall() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] count = {0};
      ByteBuffer[] saved = {null};
      Transform<ByteBuffer, ByteBuffer> pt = transform(StreamOptions.bytes().highWaterMark(3), (t, a) -> {
        ByteBuffer c = (ByteBuffer) a[0];
        if (count[0]++ == 1) {
          saved[0] = c;
        } else {
          if (saved[0] != null) {
            t.push(saved[0]);
            saved[0] = null;
          }
          t.push(c);
        }
        ((Callback) a[1]).done(null);
      });
      pt.once(Stream.READABLE, () -> loop.nextTick(() -> {
        pt.write(buf("d"));
        pt.write(buf("ef"), err -> {
          ev.add("ef cb");
          pt.end();
        });
        String first = str(pt.read());
        String second = str(pt.read());
        ev.add(first);
        ev.add(second);
      }));
      pt.on(Stream.FINISH, () -> ev.add("finish"));
      pt.write(buf("abc"));
    });
    assertEquals(List.of("ef cb", "abcdef", "null", "finish"), ev);
  }

  @Test
  void aPassThroughEmitsReadableOncePerTickAndForTheEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<ByteBuffer> pt = new PassThrough<>(StreamOptions.bytes());
      int[] emits = {0};
      pt.on(Stream.READABLE, () -> emits[0]++);
      pt.write(buf("foog"));
      pt.write(buf("bark"));
      ev.add("emits " + emits[0]);
      ev.add(str(pt.read(5)));
      ev.add(str(pt.read(5)));
      pt.write(buf("bazy"));
      pt.write(buf("kuel"));
      ev.add("emits " + emits[0]);
      ev.add(str(pt.read(5)));
      ev.add(str(pt.read(5)));
      ev.add(str(pt.read(5)));
      pt.end();
      ev.add("emits " + emits[0]);
      ev.add(str(pt.read(5)));
      ev.add(str(pt.read(5)));
      ev.add("emits " + emits[0]);
      pt.on(Stream.END, () -> ev.add("end emits " + emits[0]));
    });
    assertEquals(List.of("emits 0", "foogb", "null", "emits 0", "arkba", "zykue", "null", "emits 1",
        "l", "null", "emits 1", "end emits 3"), ev);
  }

  @Test
  void readableListenersAddedInTurnEachSeeTheNextWrite() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<ByteBuffer> pt = new PassThrough<>(StreamOptions.bytes());
      int[] emits = {0};
      pt.on(Stream.READABLE, () -> emits[0]++);
      pt.write(buf("foog"));
      pt.write(buf("bark"));
      ev.add(str(pt.read(5)));
      ev.add(str(pt.read(5)));
      pt.once(Stream.READABLE, () -> {
        ev.add("r1");
        ev.add(str(pt.read(5)));
        ev.add(str(pt.read(5)));
        pt.once(Stream.READABLE, () -> {
          ev.add("r2");
          ev.add(str(pt.read(5)));
          ev.add(str(pt.read(5)));
          pt.once(Stream.READABLE, () -> {
            ev.add("r3");
            ev.add(str(pt.read(5)));
            ev.add(str(pt.read(5)));
            ev.add("emits " + emits[0]);
          });
          pt.end();
        });
        pt.write(buf("kuel"));
      });
      pt.write(buf("bazy"));
    });
    assertEquals(List.of("foogb", "null", "r1", "arkba", "null", "r2", "zykue", "null", "r3", "l",
        "null", "emits 3"), ev);
  }

  @Test
  void aPassThroughFacadeDeliversWritesSpreadOverTimeInOrder() {
    List<String> datas = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<ByteBuffer> pt = new PassThrough<>(StreamOptions.bytes());
      pt.onData(c -> datas.add(str(c)));
      pt.on(Stream.END, () -> datas.add("end"));
      pt.write(buf("foog"));
      loop.setTimeout(() -> {
        pt.write(buf("bark"));
        loop.setTimeout(() -> {
          pt.write(buf("bazy"));
          loop.setTimeout(() -> {
            pt.write(buf("kuel"));
            loop.setTimeout(pt::end, 1);
          }, 1);
        }, 1);
      }, 1);
    });
    assertEquals(List.of("foog", "bark", "bazy", "kuel", "end"), datas);
  }
}
