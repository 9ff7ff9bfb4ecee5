package io.loopstreams.zlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fuzz property in the default run, on seeded random mutations: flipped, dropped, inserted
 * and truncated bytes in valid streams of every format end in output or a ZlibException.
 */
class MutatedStreamsTest {
  private static final byte[] TEXT = ZlibTestSupport.logData(20_000, 11);

  @Test
  void mutatedStreamsOfEveryFormatEndInOutputOrAZlibException() {
    byte[][] valid = {
        ZlibTestSupport.run(Zlib::gzip, TEXT, 4096),
        ZlibTestSupport.run(Zlib::deflate, TEXT, 4096),
        ZlibTestSupport.run(Zlib::deflateRaw, TEXT, 4096),
        ZlibTestSupport.run(Zlib::gzip, TEXT, 4096),
        ZlibTestSupport.run(() -> Zlib.brotliCompress(BrotliOptions.defaults().quality(5)), TEXT, 4096),
        ZlibTestSupport.run(Zlib::zstdCompress, TEXT, 4096)};
    Random r = new Random(42);
    int[] outcomes = new int[2]; // [decoded, failed with a ZlibException]
    for (int i = 0; i < 600; i++) {
      int kind = i % valid.length;
      byte[] m = valid[kind].clone();
      switch (r.nextInt(3)) {
        case 0 -> m[r.nextInt(m.length)] ^= (byte) (1 + r.nextInt(255));
        case 1 -> m = java.util.Arrays.copyOf(m, r.nextInt(m.length));
        default -> {
          for (int k = 0; k < 5; k++) {
            m[r.nextInt(m.length)] = (byte) r.nextInt(256);
          }
        }
      }
      outcomes[DecoderInputs.check(kind, m, 1 + r.nextInt(5000)) ? 0 : 1]++;
    }
    assertEquals(600, outcomes[0] + outcomes[1]);
    // Truncations and flips must mostly be caught: a decoder that accepted everything fails here.
    assertTrue(outcomes[1] > 300, "caught only " + outcomes[1] + " of 600 mutations");
  }
}
