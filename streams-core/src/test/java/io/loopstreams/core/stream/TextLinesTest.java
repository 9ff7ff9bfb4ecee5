package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.text.Text;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Text#lines()} and {@link Text#utf8Lines()}: Node has no line splitter stream; the
 * decoding half follows {@code test/parallel/test-string-decoder.js} (see {@link
 * TextUtf8DecoderTest}).
 */
class TextLinesTest {

  /** Runs {@code chunks} through {@code t}; returns the lines, then "error:<message>" if it failed. */
  private static <I> List<String> run(java.util.function.Supplier<Transform<I, String>> t, List<I> chunks) {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<I, String> lines = t.get();
      lines.onData(out::add);
      lines.on(Readable.ERROR, e -> out.add("error:" + LifecycleLog.code(e)));
      for (I c : chunks) {
        lines.write(c);
      }
      lines.end();
    });
    return out;
  }

  private static List<String> lines(String... chunks) {
    return run(Text::lines, List.of(chunks));
  }

  @Test
  void splitsOnNewlinesAndDropsTheTerminator() {
    assertEquals(List.of("a", "b"), lines("a\nb\n"));
  }

  @Test
  void crlfEndsALineToo() {
    assertEquals(List.of("a", "b"), lines("a\r\nb\r\n"));
  }

  @Test
  void linesAndCrlfSplitAcrossChunksAreJoined() {
    assertEquals(List.of("abc", "d", "", "e"), lines("ab", "c\r", "\nd\n\ne"));
  }

  @Test
  void theLastLineWithoutNewlineIsPushedAtTheEnd() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Transform<String, String> t = Text.lines();
      t.onData(l -> events.add("line:" + l));
      t.on(Readable.END, () -> events.add("end"));
      t.write("x\ny");
      t.end();
    });
    assertEquals(List.of("line:x", "line:y", "end"), events);
  }

  @Test
  void emptyInputGivesNoLine() {
    assertEquals(List.of(), lines());
    assertEquals(List.of(), lines(""));
  }

  @Test
  void aLoneCarriageReturnIsKept() {
    assertEquals(List.of("a\rb"), lines("a\rb\n"));
  }

  @Test
  void aLineLongerThanTheMaximumFailsTheStream() {
    assertEquals(List.of("abcd", "error:ERR_OUT_OF_RANGE"),
        run(() -> Text.lines(4), List.of("abcd\nabcde\nz\n")));
  }

  @Test
  void anUnterminatedPartialLineIsBoundedToo() {
    assertEquals(List.of("error:ERR_OUT_OF_RANGE"), run(() -> Text.lines(4), List.of("abc", "de")));
  }

  @Test
  void aLineOfExactlyTheMaximumWithCrlfSplitAcrossChunksPasses() {
    assertEquals(List.of("abcd", "ef"), run(() -> Text.lines(4), List.of("abcd\r", "\nef")));
  }

  @Test
  void utf8LinesDecodesAndSplitsWhereverTheBytesAreCut() {
    String text = "h\u00e9llo\r\nw\u00f6rld \u20ac\n\uD83D\uDE00";
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i <= b.length; i++) {
      List<ByteBuffer> chunks = List.of(ByteBuffer.wrap(Arrays.copyOfRange(b, 0, i)),
          ByteBuffer.wrap(Arrays.copyOfRange(b, i, b.length)));
      assertEquals(List.of("h\u00e9llo", "w\u00f6rld \u20ac", "\uD83D\uDE00"), run(Text::utf8Lines, chunks),
          "cut at " + i);
    }
  }

  @Test
  void utf8LinesReplacesATruncatedLastCharacter() {
    assertEquals(List.of("ok", "x\uFFFD"), run(Text::utf8Lines,
        List.of(ByteBuffer.wrap(new byte[] {'o', 'k', '\n', 'x', (byte) 0xE2, (byte) 0x82}))));
  }
}
