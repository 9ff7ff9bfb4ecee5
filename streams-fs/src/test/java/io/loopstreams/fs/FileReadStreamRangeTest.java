package io.loopstreams.fs;

import static io.loopstreams.fs.FsTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import io.loopstreams.fs.FsTestSupport.Recorded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte ranges of a read stream: Node's {@code test-fs-read-stream.js} and {@code
 * test-fs-read-stream-inherit.js} ({@code start}/{@code end} inclusive on "xyz\n"), plus the
 * empty file and ranges past the end of the file.
 */
class FileReadStreamRangeTest {

  @TempDir
  Path dir;
  Path xyz;

  @BeforeEach
  void writeFile() throws IOException {
    xyz = Files.writeString(dir.resolve("xyz.txt"), "xyz\n");
  }

  private Recorded read(Path file, ReadOptions options) {
    Recorded[] r = {null};
    EventLoop.run(loop -> r[0] = record(Fs.createReadStream(file, options)));
    return r[0];
  }

  @Test
  void startOneEndTwoReadsTheInclusiveRange() {
    assertEquals("yz", read(xyz, ReadOptions.defaults().start(1).end(2)).text.toString());
  }

  @Test
  void startZeroEndZeroReadsOneByte() {
    assertEquals("x", read(xyz, ReadOptions.defaults().start(0).end(0)).text.toString());
  }

  @Test
  void endOneAloneReadsTheFirstTwoBytes() {
    assertEquals("xy", read(xyz, ReadOptions.defaults().end(1)).text.toString());
  }

  @Test
  void startOneAloneReadsToTheEnd() {
    assertEquals("yz\n", read(xyz, ReadOptions.defaults().start(1)).text.toString());
  }

  @Test
  void wholeFileEmitsOpenReadyDataEndCloseInOrder() {
    Recorded r = read(xyz, ReadOptions.defaults());
    assertEquals("xyz\n", r.text.toString());
    assertEquals(List.of("open", "ready", "data", "end", "close"), r.events);
  }

  @Test
  void openCarriesThePathAndReadyFollowsInTheSameTick() {
    StringBuilder log = new StringBuilder();
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(xyz);
      assertTrue(in.pending());
      in.on(FileReadStream.OPEN, p -> {
        log.append("open:").append(p.equals(xyz)).append(' ');
        loop.nextTick(() -> log.append("tick "));
      });
      in.on(FileReadStream.READY, () -> log.append("ready:").append(in.pending()).append(' '));
      in.resume();
    });
    assertEquals("open:true ready:false tick ", log.toString());
  }

  @Test
  void emptyFileEndsWithoutData() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty"));
    Recorded r = read(empty, ReadOptions.defaults());
    assertEquals(List.of(), r.chunkSizes);
    assertEquals(List.of("open", "ready", "end", "close"), r.events);
  }

  @Test
  void endPastTheEndOfFileReadsWhatExists() {
    assertEquals("yz\n", read(xyz, ReadOptions.defaults().start(1).end(1000)).text.toString());
  }

  @Test
  void startPastTheEndOfFileEndsWithoutData() {
    Recorded r = read(xyz, ReadOptions.defaults().start(10).end(20));
    assertEquals(List.of(), r.chunkSizes);
    assertEquals(List.of("open", "ready", "end", "close"), r.events);
  }

  @Test
  void startGreaterThanEndThrowsOutOfRangeSynchronously() {
    StreamException[] thrown = {null};
    EventLoop.run(loop -> thrown[0] = assertThrows(StreamException.class,
        () -> Fs.createReadStream(xyz, ReadOptions.defaults().start(3).end(2))));
    assertEquals(ErrorCode.ERR_OUT_OF_RANGE, thrown[0].code());
    assertTrue(thrown[0].getMessage().contains("start"), thrown[0].getMessage());
  }

  @Test
  void negativeStartThrowsOutOfRange() {
    StreamException e = assertThrows(StreamException.class, () -> ReadOptions.defaults().start(-1));
    assertEquals(ErrorCode.ERR_OUT_OF_RANGE, e.code());
  }

  @Test
  void bytesReadCountsTheDeliveredBytes() {
    long[] n = {0};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(xyz, ReadOptions.defaults().start(1));
      in.resume();
      in.on(FileReadStream.CLOSE, () -> n[0] = in.bytesRead());
      assertEquals(xyz, in.path());
    });
    assertEquals(3, n[0]);
  }
}
