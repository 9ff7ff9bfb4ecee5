package io.loopstreams.zlib;

import static io.loopstreams.zlib.ZlibTestSupport.assertBytes;
import static io.loopstreams.zlib.ZlibTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.zlib.internal.Crc32Combine;
import java.io.ByteArrayInputStream;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** pigz's method: one valid member, byte-identical whatever the parallelism and the chunking. */
class ParallelGzipTest {
  private static final byte[] DATA = ZlibTestSupport.logData(2 * 1024 * 1024 + 4321, 3);

  private static ZlibOptions p(int n) {
    return ZlibOptions.defaults().parallelism(n);
  }

  @Test
  void theOutputIsTheSameBytesWhateverTheParallelismAndChunking() throws Exception {
    byte[] one = run(() -> Zlib.gzip(p(1)), DATA, 65536);
    assertArrayEquals(one, run(() -> Zlib.gzip(p(2)), DATA, 1000));
    assertArrayEquals(one, run(() -> Zlib.gzip(p(8)), DATA, 300_000));
    assertBytes(DATA, new GZIPInputStream(new ByteArrayInputStream(one)).readAllBytes());
    // One member: the header's magic appears once at the start, the trailer holds the whole CRC.
    CRC32 crc = new CRC32();
    crc.update(DATA);
    int stored = (one[one.length - 8] & 0xff) | (one[one.length - 7] & 0xff) << 8
        | (one[one.length - 6] & 0xff) << 16 | (one[one.length - 5] & 0xff) << 24;
    assertEquals((int) crc.getValue(), stored);
  }

  /** The stream's own compressor threads end with it: a long-running program does not collect them. */
  @Test
  void theCompressorThreadsEndOnceTheStreamIsDone() throws Exception {
    run(() -> Zlib.gzip(p(3)), DATA, 65536);
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("loopstreams-gzip-")) {
        t.join(10_000);
        assertFalse(t.isAlive(), t.getName() + " still runs");
      }
    }
  }

  @Test
  void anInputOfExactlyOneBlockAndTheEmptyInputAreValid() throws Exception {
    byte[] block = java.util.Arrays.copyOf(DATA, ZlibOptions.DEFAULT_BLOCK_SIZE);
    byte[] gz = run(() -> Zlib.gzip(p(2)), block, 4096);
    assertBytes(block, new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
    byte[] empty = run(() -> Zlib.gzip(p(2)), new byte[0], 1);
    assertEquals(0, new GZIPInputStream(new ByteArrayInputStream(empty)).readAllBytes().length);
  }

  @Test
  void theSizeStaysWithinAFewBytesPerBlockOfTheSingleStream() {
    byte[] single = run(Zlib::gzip, DATA, 65536);
    byte[] blocks = run(() -> Zlib.gzip(p(2)), DATA, 65536);
    assertTrue(blocks.length < single.length * 1.005, single.length + " vs " + blocks.length);
  }

  @Test
  void combinedCrcsEqualTheCrcOfTheConcatenation() {
    Random r = new Random(5);
    for (int i = 0; i < 50; i++) {
      byte[] a = new byte[r.nextInt(5000)];
      byte[] b = new byte[r.nextInt(5000)];
      r.nextBytes(a);
      r.nextBytes(b);
      CRC32 ca = new CRC32();
      ca.update(a);
      CRC32 cb = new CRC32();
      cb.update(b);
      CRC32 both = new CRC32();
      both.update(a);
      both.update(b);
      assertEquals((int) both.getValue(), Crc32Combine.combine((int) ca.getValue(), (int) cb.getValue(), b.length));
    }
  }

  @Test
  void theHeaderCarriesNameAndMtimeLikeGzipN() {
    byte[] gz = run(() -> Zlib.gzip(p(2).name("access.log").mtime(1_700_000_000L)), DATA, 65536);
    GzipHeader[] seen = new GzipHeader[1];
    ZlibTestSupport.run(() -> {
      ZlibTransform t = Zlib.gunzip();
      t.on(ZlibTransform.HEADER, h -> seen[0] = h);
      return t;
    }, gz, 65536);
    assertEquals("access.log", seen[0].name());
    assertEquals(1_700_000_000L, seen[0].mtime());
  }
}
