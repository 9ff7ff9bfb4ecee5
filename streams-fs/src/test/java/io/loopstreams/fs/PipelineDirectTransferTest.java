package io.loopstreams.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.fs.WriteOptions.Flag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline of exactly a file read stream and a file write stream uses {@code transferTo}
 * (Node's {@code test-stream-pipeline.js} file cases, with zero-copy as the addition): no DATA
 * is emitted, the read range and the write flags/atomic are respected, and the events still
 * tell the story (read END and CLOSE, write FINISH and CLOSE, then the pipeline's callback).
 */
class PipelineDirectTransferTest {

  @TempDir
  Path dir;

  private Path randomFile(String name, int size) throws IOException {
    byte[] data = new byte[size];
    new Random(7).nextBytes(data);
    return Files.write(dir.resolve(name), data);
  }

  @Test
  void fileToFilePipelineTransfersWithoutDataEventsAndEndsBothStreams() throws IOException {
    Path src = randomFile("src.bin", 5_000_000);
    Path dst = dir.resolve("dst.bin");
    List<String> events = new ArrayList<>();
    long[] counts = new long[2];
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      FileWriteStream out = Fs.createWriteStream(dst);
      assertTrue(in.canTransferTo(out));
      in.on(Stream.END, () -> events.add("in:end"));
      in.on(Stream.CLOSE, () -> events.add("in:close"));
      out.on(Stream.FINISH, () -> events.add("out:finish"));
      out.on(Stream.CLOSE, () -> events.add("out:close"));
      Pipeline.run(List.of(in, out), e -> {
        events.add("done:" + e);
        events.add("didRead:" + in.readableDidRead());
        counts[0] = in.bytesRead();
        counts[1] = out.bytesWritten();
      });
    });
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
    assertEquals(5_000_000L, counts[0]);
    assertEquals(5_000_000L, counts[1]);
    assertTrue(events.contains("didRead:false"), "no DATA was emitted: " + events);
    assertEquals("done:null", events.get(events.size() - 2));
    assertTrue(events.indexOf("in:end") < events.indexOf("in:close"), events.toString());
    assertTrue(events.indexOf("out:finish") < events.indexOf("out:close"), events.toString());
    assertEquals(6, events.size(), events.toString());
  }

  @Test
  void readRangeIsRespected() throws IOException {
    Path src = randomFile("src.bin", 1000);
    Path dst = dir.resolve("dst.bin");
    EventLoop.run(loop -> Pipeline.run(Fs.createReadStream(src, ReadOptions.defaults().start(100).end(199)),
        Fs.createWriteStream(dst)));
    assertArrayEquals(Arrays.copyOfRange(Files.readAllBytes(src), 100, 200), Files.readAllBytes(dst));
  }

  @Test
  void appendFlagIsRespected() throws IOException {
    Path src = Files.writeString(dir.resolve("src.txt"), "world\n");
    Path dst = Files.writeString(dir.resolve("dst.txt"), "hello ");
    EventLoop.run(loop -> Pipeline.run(Fs.createReadStream(src),
        Fs.createWriteStream(dst, WriteOptions.defaults().flags(Flag.APPEND))));
    assertEquals("hello world\n", Files.readString(dst));
  }

  @Test
  void writeStartOffsetIsRespected() throws IOException {
    Path src = Files.writeString(dir.resolve("src.txt"), "XY");
    Path dst = Files.writeString(dir.resolve("dst.txt"), "abcdef");
    EventLoop.run(loop -> Pipeline.run(Fs.createReadStream(src),
        Fs.createWriteStream(dst, WriteOptions.defaults().flags(Flag.MODIFY).start(3))));
    assertEquals("abcXYf", Files.readString(dst));
  }

  @Test
  void atomicDestinationIsRenamedAtFinish() throws IOException {
    Path src = randomFile("src.bin", 300_000);
    Path dst = Files.writeString(dir.resolve("dst.bin"), "old");
    EventLoop.run(loop -> Pipeline.run(Fs.createReadStream(src),
        Fs.createWriteStream(dst, WriteOptions.defaults().atomic(true))));
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
    try (var s = Files.list(dir)) {
      assertEquals(2, s.count());
    }
  }

  @Test
  void missingSourceFailsThePipelineAndDestroysTheWriteStream() {
    Path src = dir.resolve("missing");
    List<String> events = new ArrayList<>();
    Throwable[] error = {null};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      FileWriteStream out = Fs.createWriteStream(dir.resolve("dst"), WriteOptions.defaults().atomic(true));
      in.on(Stream.CLOSE, () -> events.add("in:close"));
      out.on(Stream.CLOSE, () -> events.add("out:close"));
      out.on(Stream.FINISH, () -> events.add("out:finish"));
      Pipeline.run(List.of(in, out), e -> error[0] = e);
    });
    assertEquals(ErrorCode.ENOENT, assertInstanceOf(SystemException.class, error[0]).code());
    assertEquals(2, events.size(), events.toString());
    assertTrue(events.containsAll(List.of("in:close", "out:close")), events.toString());
    assertTrue(Files.notExists(dir.resolve("dst")));
  }

  @Test
  void observedSourceIsPipedChunkByChunkInstead() throws IOException {
    Path src = randomFile("src.bin", 1_000_000);
    Path dst = dir.resolve("dst.bin");
    int[] chunks = {0};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      in.onData(c -> chunks[0]++);
      in.pause();
      assertFalse(in.canTransferTo(Fs.createWriteStream(dir.resolve("unused"))));
      Pipeline.run(in, Fs.createWriteStream(dst));
    });
    assertEquals(16, chunks[0]); // 1,000,000 bytes in 64 KiB chunks
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
  }

  @Test
  void cancelDuringTheTransferDestroysBothAndRemovesTheAtomicTemp() throws IOException {
    Path src = randomFile("src.bin", (int) DirectCopy.STEP * 2 + 1);
    Path dst = Files.writeString(dir.resolve("dst.bin"), "old");
    int before = FsTestSupport.fdsUnder(dir);
    List<String> events = new ArrayList<>();
    Throwable[] error = {null};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      FileWriteStream out = Fs.createWriteStream(dst, WriteOptions.defaults().atomic(true));
      in.on(Stream.CLOSE, () -> events.add("in:close"));
      out.on(Stream.CLOSE, () -> events.add("out:close"));
      out.on(Stream.FINISH, () -> events.add("out:finish"));
      Pipeline p = Pipeline.run(List.of(in, out), e -> error[0] = e);
      // Both opens complete before the first transfer request; cancel while it runs.
      in.on(FileReadStream.READY, () -> loop.setImmediate(p::cancel));
    });
    assertTrue(io.loopstreams.core.StreamException.isAbort(error[0]), String.valueOf(error[0]));
    assertEquals(List.of("in:close", "out:close"), events.stream().sorted().toList());
    assertEquals("old", Files.readString(dst));
    try (var s = Files.list(dir)) {
      assertEquals(2, s.count()); // src.bin and dst.bin: no temporary file left
    }
    assertEquals(before, FsTestSupport.fdsUnder(dir));
  }
}
