package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.ByteChunks.buf;
import static io.loopstreams.core.stream.ByteChunks.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-readable-reading-readingMore.js}: push,
 * pause, read(n), resume, unshift and end on a stream with both DATA and READABLE listeners; the
 * order of DATA, READABLE and END (the end push outside doRead emits READABLE synchronously).
 */
class ReadableReadingMoreTest {

  @Test
  void pushPauseReadResumeUnshiftAndEndProduceNodesEventOrder() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> r = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
          ev.add("_read");
        }
      };
      r.onData(d -> ev.add("data:" + str(d) + " flowing=" + r.readableFlowing()));
      r.on(Stream.READABLE, () -> ev.add("readable read:" + str(r.read())));
      r.on(Stream.END, () -> ev.add("end"));
      ev.add("push:" + r.push(buf("pushed")));
      r.pause();
      ev.add("read6:" + str(r.read(6)));
      r.resume();
      ev.add("unshift:" + r.unshift(buf("unshifted")));
      r.push(null);
      ev.add("sync done");
    });
    assertEquals(List.of("push:true", "_read", "data:pushed flowing=false", "read6:pushed",
        "unshift:true", "data:unshifted flowing=false", "readable read:unshifted", "sync done",
        "readable read:null", "readable read:null", "end"), ev);
  }
}
