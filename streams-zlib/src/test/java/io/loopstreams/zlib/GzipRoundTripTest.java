package io.loopstreams.zlib;

import static io.loopstreams.zlib.ZlibTestSupport.assertBytes;
import static io.loopstreams.zlib.ZlibTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/** Each codec of the deflate family undoes its counterpart, whatever the chunking. */
class GzipRoundTripTest {
  private static final byte[] DATA = ZlibTestSupport.logData(3 * 1024 * 1024 + 17, 1);

  @Test
  void gzipThenGunzipGivesBackTheInputForEveryChunkSize() throws Exception {
    for (int chunk : new int[] {1000, 65536, 1 << 20}) {
      byte[] gz = run(Zlib::gzip, DATA, chunk);
      assertBytes(DATA, new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
      assertBytes(DATA, run(Zlib::gunzip, gz, chunk / 3 + 1));
    }
  }

  @Test
  void deflateAndRawAndUnzipRoundTrip() throws Exception {
    byte[] z = run(Zlib::deflate, DATA, 65536);
    assertBytes(DATA, new InflaterInputStream(new ByteArrayInputStream(z)).readAllBytes());
    assertBytes(DATA, run(Zlib::inflate, z, 4096));
    assertBytes(DATA, run(Zlib::unzip, z, 1));
    byte[] raw = run(Zlib::deflateRaw, DATA, 65536);
    assertBytes(DATA, new InflaterInputStream(new ByteArrayInputStream(raw), new Inflater(true)).readAllBytes());
    assertBytes(DATA, run(Zlib::inflateRaw, raw, 7777));
    assertBytes(DATA, run(Zlib::unzip, run(Zlib::gzip, DATA, 65536), 2));
  }

  @Test
  void theEmptyInputGzipsToOneValidMemberLikeNodes() {
    byte[] gz = run(Zlib::gzip, new byte[0], 1);
    // zlib.gzipSync(Buffer.alloc(0)) in Node 20
    assertEquals("1f8b080000000000000303000000000000000000", hex(gz));
    assertEquals(0, run(Zlib::gunzip, gz, 1).length);
  }

  @Test
  void aPresetDictionaryIsUsedBothWays() {
    byte[] dict = "request served cache miss".getBytes();
    ZlibOptions o = ZlibOptions.defaults().dictionary(dict);
    byte[] z = run(() -> Zlib.deflate(o), DATA, 65536);
    assertBytes(DATA, run(() -> Zlib.inflate(o), z, 65536));
  }

  @Test
  void theLevelChangesTheOutputAsZlibsDoes() {
    for (int level : new int[] {0, 1, 9}) {
      byte[] ours = run(() -> Zlib.deflate(ZlibOptions.defaults().level(level)), DATA, 1 << 20);
      Deflater d = new Deflater(level);
      d.setInput(DATA);
      d.finish();
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      byte[] buf = new byte[65536];
      while (!d.finished()) {
        expected.write(buf, 0, d.deflate(buf));
      }
      assertArrayEquals(expected.toByteArray(), ours, "level " + level);
    }
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }
}
