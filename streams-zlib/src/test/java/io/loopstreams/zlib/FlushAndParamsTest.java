package io.loopstreams.zlib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Stream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Node's {@code flush()} and {@code params()} (test-zlib-flush.js, test-zlib-params.js): at level
 * 0 the first write gives only the zlib header, a full flush then gives a stored block and the
 * empty stored block; params switch the level after a sync flush.
 */
class FlushAndParamsTest {

  private static String hex(ByteBuffer b) {
    StringBuilder sb = new StringBuilder();
    for (int i = b.position(); i < b.limit(); i++) {
      sb.append(String.format("%02x", b.get(i)));
    }
    return sb.toString();
  }

  @Test
  void aFullFlushAtLevelZeroGivesAStoredBlockThenTheEmptyStoredBlock() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      ZlibTransform z = Zlib.deflate(ZlibOptions.defaults().level(0));
      z.on(Stream.DATA, b -> log.add("data " + hex((ByteBuffer) b)));
      z.write(ByteBuffer.wrap("abc".getBytes()), e -> log.add("write cb"));
      z.flush(e -> {
        log.add("flush cb");
        z.end();
      });
    });
    // Node 20: deflateSync-less stream, level 0: '7801' after the write; the flush adds
    // 00 0300 fcff 616263 (stored "abc") and 00 0000 ffff (the empty stored block).
    assertEquals("data 7801", log.get(0));
    assertEquals("write cb", log.get(1));
    assertEquals("data 000300fcff616263000000ffff", log.get(2));
    assertEquals("flush cb", log.get(3));
  }

  @Test
  void paramsSwitchTheLevelForWhatFollows() {
    byte[] text = ZlibTestSupport.logData(200_000, 3);
    List<ByteBuffer> out = new ArrayList<>();
    EventLoop.run(loop -> {
      ZlibTransform z = Zlib.deflate(ZlibOptions.defaults().level(0));
      z.on(Stream.DATA, b -> out.add((ByteBuffer) b));
      z.write(ByteBuffer.wrap(text, 0, 100_000));
      z.params(9, 0, e -> z.end(ByteBuffer.wrap(text, 100_000, 100_000)));
    });
    int total = out.stream().mapToInt(ByteBuffer::remaining).sum();
    byte[] all = new byte[total];
    ByteBuffer b = ByteBuffer.wrap(all);
    out.forEach(x -> b.put(x.duplicate()));
    assertEquals(new String(text), new String(ZlibTestSupport.run(Zlib::inflate, all, 4096)));
    // The first half is stored (~100 KB), the second compressed at level 9 (far smaller).
    assertEquals(true, total > 100_000 && total < 150_000, "total " + total);
  }

  /**
   * Node ignores params() on a decompressor:
   * {@code zlib.createInflate().params(1, 0, e => console.log('cb', e))} prints {@code cb undefined}.
   */
  @Test
  void paramsOnADecompressorCallsBackWithoutAnError() {
    List<String> log = new ArrayList<>();
    byte[] packed = ZlibTestSupport.run(Zlib::deflate, "abc".getBytes(), 4096);
    EventLoop.run(loop -> {
      ZlibTransform z = Zlib.inflate();
      z.on(Stream.DATA, b -> log.add("data " + ((ByteBuffer) b).remaining()));
      z.params(1, 0, e -> {
        log.add("params cb " + e);
        z.end(ByteBuffer.wrap(packed));
      });
    });
    assertEquals(List.of("params cb null", "data 3"), log);
  }
}
