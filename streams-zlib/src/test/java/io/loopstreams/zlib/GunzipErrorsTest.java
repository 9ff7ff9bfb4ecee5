package io.loopstreams.zlib;

import static io.loopstreams.zlib.ZlibTestSupport.error;
import static io.loopstreams.zlib.ZlibTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Bad input ends the stream with Node's code, errno and message (each checked with Node 20's
 * {@code zlib.gunzipSync}), plus the input offset where it was detected.
 */
class GunzipErrorsTest {
  private static final byte[] DATA = ZlibTestSupport.logData(200_000, 2);
  private static final byte[] GZ = run(Zlib::gzip, DATA, 65536);

  private static void assertError(ZlibException e, ErrorCode code, int errno, String message) {
    assertEquals(code, e.code());
    assertEquals(errno, e.errno());
    assertEquals(message, e.getMessage());
  }

  @Test
  void truncatedInputIsUnexpectedEndOfFile() {
    ZlibException e = error(Zlib::gunzip, Arrays.copyOf(GZ, GZ.length - 3), 4096);
    assertError(e, ErrorCode.Z_BUF_ERROR, -5, "unexpected end of file");
    assertEquals(GZ.length - 3, e.offset());
    assertError(error(Zlib::gunzip, Arrays.copyOf(GZ, 5), 4096), ErrorCode.Z_BUF_ERROR, -5,
        "unexpected end of file");
  }

  @Test
  void emptyInputIsUnexpectedEndOfFileAsInNode() {
    assertError(error(Zlib::gunzip, new byte[0], 1), ErrorCode.Z_BUF_ERROR, -5, "unexpected end of file");
  }

  @Test
  void aFlippedByteInTheDeflateDataIsADataErrorWithTheOffsetNearIt() {
    byte[] bad = GZ.clone();
    bad[10] = 0x07; // the first block header: BFINAL=1, BTYPE=11 (reserved)
    ZlibException e = error(Zlib::gunzip, bad, 4096);
    assertError(e, ErrorCode.Z_DATA_ERROR, -3, "invalid block type");
    assertEquals(10, e.offset());
  }

  @Test
  void aFlippedByteMidStreamIsADataErrorAtOrAfterTheFlip() {
    byte[] bad = GZ.clone();
    int at = GZ.length / 2;
    bad[at] ^= 0x55;
    ZlibException e = error(Zlib::gunzip, bad, 4096);
    assertEquals(ErrorCode.Z_DATA_ERROR, e.code());
    // Garbled Huffman codes may still decode: then the CRC catches it, at the trailer.
    // Otherwise the offset is where that inflate call's input began (within one output buffer).
    assertTrue(e.getMessage().equals("incorrect data check") ? e.offset() == GZ.length - 8
        : e.offset() > at - 64 * 1024 && e.offset() <= at, e.offset() + " " + e.getMessage());
  }

  @Test
  void aBadCrcIsIncorrectDataCheck() {
    byte[] bad = GZ.clone();
    bad[GZ.length - 8] ^= 1;
    ZlibException e = error(Zlib::gunzip, bad, 4096);
    assertError(e, ErrorCode.Z_DATA_ERROR, -3, "incorrect data check");
    assertEquals(GZ.length - 8, e.offset());
  }

  @Test
  void aBadIsizeIsIncorrectLengthCheck() {
    byte[] bad = GZ.clone();
    bad[GZ.length - 1] ^= 1;
    ZlibException e = error(Zlib::gunzip, bad, 4096);
    assertError(e, ErrorCode.Z_DATA_ERROR, -3, "incorrect length check");
    assertEquals(GZ.length - 4, e.offset());
  }

  @Test
  void notGzipIsIncorrectHeaderCheck() {
    assertError(error(Zlib::gunzip, "hello world".getBytes(), 3), ErrorCode.Z_DATA_ERROR, -3,
        "incorrect header check");
  }

  @Test
  void aBadMethodOrReservedFlagIsNamedAsZlibNamesIt() {
    byte[] method = GZ.clone();
    method[2] = 7;
    assertError(error(Zlib::gunzip, method, 100), ErrorCode.Z_DATA_ERROR, -3, "unknown compression method");
    byte[] flags = GZ.clone();
    flags[3] = (byte) 0xe0;
    assertError(error(Zlib::gunzip, flags, 100), ErrorCode.Z_DATA_ERROR, -3, "unknown header flags set");
  }

  @Test
  void trailingGarbageAfterAMemberIsParsedAsAHeaderAsNodeDoes() {
    byte[] junk = concat(GZ, "xyzxyzxyzxyz".getBytes());
    assertError(error(Zlib::gunzip, junk, 4096), ErrorCode.Z_DATA_ERROR, -3, "incorrect header check");
    byte[] one = concat(GZ, new byte[] {'x'});
    assertError(error(Zlib::gunzip, one, 4096), ErrorCode.Z_BUF_ERROR, -5, "unexpected end of file");
  }

  @Test
  void trailingZeroPaddingIsIgnoredAsGzipAndNodeDo() {
    assertEquals(DATA.length, run(Zlib::gunzip, concat(GZ, new byte[10240]), 4096).length);
  }

  @Test
  void aGibibyteOfZerosAfterAMemberIsAClearErrorInBoundedMemory() {
    // The zeros come from a source that reuses one 1 MiB buffer: nothing accumulates.
    byte[] zeros = new byte[1 << 20];
    long[] fed = {0};
    Throwable err = ZlibTestSupport.pipeGenerated(Zlib::gunzip, GZ, zeros, 1024, fed);
    assertTrue(err instanceof ZlibException, String.valueOf(err));
    ZlibException e = (ZlibException) err;
    assertEquals(ErrorCode.Z_DATA_ERROR, e.code());
    assertEquals("trailing data after the last member exceeds 1048576 bytes", e.getMessage());
    assertEquals(GZ.length + (1 << 20), e.offset());
    assertTrue(fed[0] < 4L << 20, "the source was stopped early, after " + fed[0] + " bytes");
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
