package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.text.Text;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A chunk piped to several destinations is the same {@link ByteBuffer} for all of them: no stage
 * may move the position of a chunk it did not create (Node's Buffers are shared immutably). The
 * Node twin, with a StringDecoder line splitter in place of {@code Text.utf8Lines()}:
 *
 * <pre>
 * const { Readable, Writable, Transform, PassThrough } = require("stream");
 * const { StringDecoder } = require("string_decoder");
 * function utf8Lines() { const d = new StringDecoder("utf8"); let partial = "";
 *   return new Transform({ readableObjectMode: true,
 *     transform(c, e, cb) { const parts = (partial + d.write(c)).split("\n"); partial = parts.pop();
 *       for (const l of parts) this.push(l); cb(); },
 *     flush(cb) { const rest = partial + d.end(); if (rest) this.push(rest); cb(); } }); }
 * function counter(log) { let n = 0; return new Writable({ write(c, e, cb) { n += c.length; cb(); },
 *   final(cb) { log.push("counted " + n); cb(); } }); }
 * for (const order of ["lines first", "counter first"]) {
 *   const log = []; const src = Readable.from([Buffer.from("one\ntwo\nsix\n")], { objectMode: false });
 *   const lines = utf8Lines(); lines.on("data", l => log.push("line " + l));
 *   const c = counter(log);
 *   if (order === "lines first") { src.pipe(lines); src.pipe(c); } else { src.pipe(c); src.pipe(lines); }
 *   c.on("finish", () => setImmediate(() => console.log(order + ": " + log.join(", "))));
 * }
 * const src = new PassThrough(); const a = new PassThrough(), b = new PassThrough();
 * src.pipe(a); src.pipe(b); src.end(Buffer.from("one\ntwo\nsix\n"));
 * a.once("readable", () => { const part = a.read(5); b.once("readable", () => console.log(
 *   "read(5) on a:", JSON.stringify(part.toString()), "b reads:", JSON.stringify(b.read().toString()),
 *   "a then reads:", JSON.stringify(a.read().toString()))); });
 * </pre>
 * prints (Node 20.20)
 * <pre>
 * read(5) on a: "one\nt" b reads: "one\ntwo\nsix\n" a then reads: "wo\nsix\n"
 * lines first: line one, line two, line six, counted 12
 * counter first: line one, line two, line six, counted 12
 * </pre>
 */
class SharedChunkTest {

  private static final String TEXT = "one\ntwo\nsix\n";

  /** A byte source of one chunk, heap or direct. */
  private static Readable<ByteBuffer> oneChunk(boolean direct) {
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = direct ? ByteBuffer.allocateDirect(bytes.length).put(bytes).flip() : ByteBuffer.wrap(bytes);
    return Readable.from(List.of(b).iterator(), StreamOptions.bytes());
  }

  /** Pipes one chunk to {@code Text.utf8Lines()} and to a byte counter, in the given order. */
  private static List<String> linesAndCount(boolean linesFirst, boolean direct) {
    List<String> lines = new ArrayList<>();
    long[] counted = {0};
    EventLoop.run(loop -> {
      Readable<ByteBuffer> src = oneChunk(direct);
      Transform<ByteBuffer, String> splitter = Text.utf8Lines();
      splitter.onData(l -> lines.add("line " + l));
      Writable<ByteBuffer> counter = Writable.create(StreamOptions.bytes(), (c, cb) -> {
        counted[0] += c.remaining();
        cb.done();
      });
      if (linesFirst) {
        src.pipe(splitter);
        src.pipe(counter);
      } else {
        src.pipe(counter);
        src.pipe(splitter);
      }
    });
    lines.add("counted " + counted[0]);
    return lines;
  }

  @Test
  void aChunkPipedToTheLineSplitterFirstStillReachesTheCounterWhole() {
    assertEquals(List.of("line one", "line two", "line six", "counted 12"), linesAndCount(true, false));
    assertEquals(List.of("line one", "line two", "line six", "counted 12"), linesAndCount(true, true));
  }

  @Test
  void aChunkPipedToTheCounterFirstStillReachesTheLineSplitterWhole() {
    assertEquals(List.of("line one", "line two", "line six", "counted 12"), linesAndCount(false, false));
    assertEquals(List.of("line one", "line two", "line six", "counted 12"), linesAndCount(false, true));
  }

  @Test
  void theUtf8DecoderLeavesTheChunkItDecodesUntouched() {
    List<String> out = new ArrayList<>();
    for (boolean direct : new boolean[] {false, true}) {
      EventLoop.run(loop -> {
        Readable<ByteBuffer> src = oneChunk(direct);
        Transform<ByteBuffer, String> decoder = Text.utf8Decoder();
        decoder.onData(out::add);
        src.onData(chunk -> {
          decoder.write(chunk);
          out.add("after decode: " + chunk.remaining() + " bytes remain");
        });
        src.on(Stream.END, (Runnable) decoder::end);
      });
    }
    assertEquals(List.of(TEXT, "after decode: 12 bytes remain", TEXT, "after decode: 12 bytes remain"), out);
  }

  @Test
  void readingPartOfASharedChunkLeavesItWholeForTheOtherDestination() {
    List<String> out = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<ByteBuffer> src = new PassThrough<>(StreamOptions.bytes());
      PassThrough<ByteBuffer> a = new PassThrough<>(StreamOptions.bytes());
      PassThrough<ByteBuffer> b = new PassThrough<>(StreamOptions.bytes());
      src.pipe(a);
      src.pipe(b);
      src.end(ByteBuffer.wrap(TEXT.getBytes(StandardCharsets.UTF_8)));
      Function<ByteBuffer, String> str = ByteChunks::str;
      a.once(Stream.READABLE, () -> {
        ByteBuffer part = a.read(5);
        b.once(Stream.READABLE, () -> out.add("read(5) on a: " + str.apply(part) + "|b reads: "
            + str.apply(b.read()) + "|a then reads: " + str.apply(a.read())));
      });
    });
    assertEquals(List.of("read(5) on a: one\nt|b reads: " + TEXT + "|a then reads: wo\nsix\n"), out);
  }
}
