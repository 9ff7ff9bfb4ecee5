package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.text.Text;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the UTF-8 part of Node's {@code test/parallel/test-string-decoder.js}: each input
 * is decoded whole and cut at every pair of offsets, and must always give Node's output (the
 * expected strings were produced by Node 20's {@code StringDecoder}).
 */
class TextUtf8DecoderTest {

  /** Decodes {@code chunks} through {@link Text#utf8Decoder()}; returns the pushed strings. */
  static List<String> decode(List<byte[]> chunks) {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<ByteBuffer, String> t = Text.utf8Decoder();
      t.toList().thenAccept(out::addAll);
      for (byte[] c : chunks) {
        t.write(ByteBuffer.wrap(c));
      }
      t.end();
    });
    return out;
  }

  /** Asserts that {@code hex} decodes to {@code expected} however it is cut in three. */
  private static void check(String hex, String expected) {
    byte[] b = HexFormat.of().parseHex(hex);
    for (int i = 0; i <= b.length; i++) {
      for (int j = i; j <= b.length; j++) {
        List<byte[]> chunks = List.of(Arrays.copyOfRange(b, 0, i), Arrays.copyOfRange(b, i, j),
            Arrays.copyOfRange(b, j, b.length));
        assertEquals(expected, String.join("", decode(chunks)), hex + " cut at " + i + "," + j);
      }
    }
  }

  @Test
  void wellFormedCharactersOfEveryLength() {
    check("24", "$");
    check("C2A2", "\u00A2");
    check("E282AC", "\u20AC");
    check("F0A4ADA2", "\uD852\uDF62");
  }

  @Test
  void illFormedSequencesBecomeOneReplacementEachLikeNode() {
    check("C9B5A941", "\u0275\uFFFDA");
    check("E241", "\uFFFDA");
    check("CCCCB8", "\uFFFD\u0338");
    check("F0B841", "\uFFFDA");
    check("F1CCB8", "\uFFFD\u0338");
    check("F0FB00", "\uFFFD\uFFFD\u0000");
    check("CCE2B8B8", "\uFFFD\u2E38");
    check("E2B8CCB8", "\uFFFD\u0338");
    check("E2FBCC01", "\uFFFD\uFFFD\uFFFD\u0001");
    check("CCB8CDB9", "\u0338\u0379");
    check("C0AF", "\uFFFD\uFFFD");
    check("FF", "\uFFFD");
    check("80", "\uFFFD");
  }

  @Test
  void surrogatesAndOutOfRangeCodePointsAreRejectedBytewise() {
    check("EDA0B5EDB08D", "\uFFFD".repeat(6)); // CESU-8 of U+1D40D
    check("F4908080", "\uFFFD".repeat(4)); // above U+10FFFF
  }

  @Test
  void aTruncatedCharacterAtTheEndBecomesOneReplacement() {
    check("E2", "\uFFFD");
    check("E18B", "\uFFFD");
    check("F1", "\uFFFD");
    check("F180", "\uFFFD");
    check("EFBFBDE2", "\uFFFD\uFFFD");
    check("F18041F2", "\uFFFDA\uFFFD");
  }

  @Test
  void mixedTextSurvivesACutAtEveryOffsetAndByteByByte() {
    String text = "ascii, caf\u00e9, \u20ac 5, \u4e2d\u6587, emoji \uD83D\uDE00 and \uD852\uDF62 end";
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i <= b.length; i++) {
      List<String> parts = decode(List.of(Arrays.copyOfRange(b, 0, i), Arrays.copyOfRange(b, i, b.length)));
      assertEquals(text, String.join("", parts), "cut at " + i);
    }
    List<byte[]> single = new ArrayList<>();
    for (byte x : b) {
      single.add(new byte[] {x});
    }
    assertEquals(text, String.join("", decode(single)));
  }

  @Test
  void aChunkHoldingOnlyPartOfACharacterPushesNothing() {
    // "€" = E2 82 AC: the first two chunks yield no character, so nothing is pushed for them.
    assertEquals(List.of("a", "\u20ACb"), decode(List.of(
        new byte[] {'a', (byte) 0xE2}, new byte[] {(byte) 0x82}, new byte[] {(byte) 0xAC, 'b'})));
  }

  @Test
  void directBuffersAndSlicesDecodeTheSame() {
    byte[] b = "x\u20ACy\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<ByteBuffer, String> t = Text.utf8Decoder();
      t.toList().thenAccept(out::addAll);
      for (int i = 0; i < b.length; i += 3) {
        ByteBuffer direct = ByteBuffer.allocateDirect(Math.min(3, b.length - i));
        direct.put(b, i, direct.remaining()).flip();
        t.write(direct);
      }
      ByteBuffer wide = ByteBuffer.wrap(("--" + "\u00e9" + "--").getBytes(StandardCharsets.UTF_8));
      t.write(wide.position(2).limit(4).slice());
      t.end();
    });
    assertEquals("x\u20ACy\uD83D\uDE00\u00e9", String.join("", out));
  }

  @Test
  void emptyInputGivesNoString() {
    assertEquals(List.of(), decode(List.of()));
  }
}
