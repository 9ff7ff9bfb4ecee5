package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-pipe-unpipe-streams.js}: destinations
 * can be unpiped in any order, each emits UNPIPE once, and unpiping all of them removes every
 * listener the pipes added and pauses the source.
 */
class PipeUnpipeStreamsTest {

  private static Readable<ByteBuffer> idle() {
    return new Readable<>(StreamOptions.bytes()) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  private static Writable<ByteBuffer> sink() {
    return Writable.create(StreamOptions.bytes(), (c, cb) -> { });
  }

  private static String listeners(Stream s) {
    return s.listenerCount(Stream.CLOSE) + "," + s.listenerCount(Stream.FINISH) + ","
        + s.listenerCount(Stream.DRAIN) + "," + s.listenerCount(Stream.ERROR) + ","
        + s.listenerCount(Stream.UNPIPE);
  }

  @Test
  void destinationsUnpipeInReverseOrderOnceEach() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> source = idle();
      Writable<ByteBuffer> dest1 = sink();
      Writable<ByteBuffer> dest2 = sink();
      source.pipe(dest1);
      source.pipe(dest2);
      dest1.on(Stream.UNPIPE, src -> ev.add("d1 unpipe " + (src == source)));
      dest2.on(Stream.UNPIPE, src -> ev.add("d2 unpipe"));
      source.unpipe(dest2);
      ev.add("unpiped d2");
      source.unpipe(dest2);
      ev.add("unpiped d2 again");
      source.unpipe(dest1);
      ev.add("flowing=" + source.readableFlowing() + " data=" + source.listenerCount(Stream.DATA)
          + " end=" + source.listenerCount(Stream.END));
      ev.add("d1 listeners " + listeners(dest1));
    });
    assertEquals(List.of("d2 unpipe", "unpiped d2", "unpiped d2 again", "d1 unpipe true",
        "flowing=false data=0 end=0", "d1 listeners 0,0,0,0,1"), ev);
  }

  @Test
  void unpipeWithoutArgumentsCleansUpEveryDestination() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> source = idle();
      List<Writable<ByteBuffer>> dests = List.of(sink(), sink());
      for (Writable<ByteBuffer> d : dests) {
        source.pipe(d);
        d.once(Stream.UNPIPE, src -> ev.add("unpipe listeners " + listeners(d)));
      }
      source.unpipe();
      ev.add("flowing=" + source.readableFlowing() + " data=" + source.listenerCount(Stream.DATA)
          + " end=" + source.listenerCount(Stream.END));
    });
    assertEquals(List.of("unpipe listeners 0,0,0,0,0", "unpipe listeners 0,0,0,0,0",
        "flowing=false data=0 end=0"), ev);
  }
}
