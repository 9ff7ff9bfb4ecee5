package io.loopstreams.fs;

import static io.loopstreams.fs.FsTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.fs.FsTestSupport.Recorded;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunking at the high-water mark: Node's {@code test-fs-read-stream-inherit.js} /
 * {@code test-fs-read-stream-resume.js} style. The stream reads blocks of up to 1 MiB per
 * offloaded request but delivers DATA chunks of exactly {@code highWaterMark} bytes (the last
 * one shorter), and the buffer stays bounded by one block.
 */
class FileReadStreamChunkingTest {

  @TempDir
  Path dir;

  private static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + i % 26);
    }
    return b;
  }

  @Test
  void markTenOnThirtyFiveBytesGivesChunksTenTenTenFive() throws IOException {
    Path f = Files.write(dir.resolve("35"), pattern(35));
    Recorded[] r = {null};
    EventLoop.run(loop -> r[0] = record(Fs.createReadStream(f, ReadOptions.defaults().highWaterMark(10))));
    assertEquals(List.of(10, 10, 10, 5), r[0].chunkSizes);
    assertEquals(new String(pattern(35), java.nio.charset.StandardCharsets.ISO_8859_1), r[0].text.toString());
  }

  @Test
  void rangeIsChunkedFromItsStart() throws IOException {
    Path f = Files.write(dir.resolve("35"), pattern(35));
    Recorded[] r = {null};
    EventLoop.run(loop -> r[0] = record(Fs.createReadStream(f,
        ReadOptions.defaults().start(3).end(27).highWaterMark(10))));
    assertEquals(List.of(10, 10, 5), r[0].chunkSizes);
  }

  @Test
  void defaultMarkDeliversSixtyFourKibChunksAcrossSeveralBlocks() throws IOException {
    int size = 3 * (1 << 20) + 3; // three full 1 MiB blocks and a tail
    byte[] data = pattern(size);
    Path f = Files.write(dir.resolve("big"), data);
    List<Integer> sizes = new ArrayList<>();
    ByteBuffer copy = ByteBuffer.allocate(size);
    EventLoop.run(loop -> {
      Readable<ByteBuffer> in = Fs.createReadStream(f);
      assertEquals(64 * 1024, in.readableHighWaterMark());
      in.onData(b -> {
        sizes.add(b.remaining());
        copy.put(b.duplicate());
      });
    });
    assertEquals(48 + 1, sizes.size());
    assertTrue(sizes.subList(0, 48).stream().allMatch(s -> s == 64 * 1024), sizes.toString());
    assertEquals(3, sizes.get(48));
    assertTrue(Arrays.equals(data, copy.array()));
  }

  @Test
  void pausedStreamBuffersAtMostOneBlock() throws IOException {
    Path f = Files.write(dir.resolve("big"), pattern(4 << 20));
    long[] maxBuffered = {0};
    long[] total = {0};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(f);
      in.on(Stream.READABLE, () -> {
        maxBuffered[0] = Math.max(maxBuffered[0], in.readableLength());
        for (ByteBuffer b; (b = in.read()) != null; ) {
          total[0] += b.remaining();
        }
      });
    });
    assertEquals(4 << 20, total[0]);
    assertTrue(maxBuffered[0] <= FileReadStream.MAX_BLOCK, "buffered " + maxBuffered[0]);
  }

  @Test
  void fileThatGrowsAfterOpenIsReadInBlocksToItsNewEnd() throws IOException {
    Path f = Files.write(dir.resolve("growing"), pattern(4));
    List<Integer> sizes = new ArrayList<>();
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(f);
      in.on(FileReadStream.READY, () -> {
        try {
          Files.write(f, pattern(100_000)); // same first bytes, now 100,000 long
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        in.onData(b -> sizes.add(b.remaining()));
      });
    });
    // 5 bytes (the size at open + 1, which proves the file grew), then whole 64 KiB chunks.
    assertEquals(List.of(5, 65536, 100_000 - 5 - 65536), sizes);
  }

  @Test
  void markThatDoesNotDivideABlockStillGivesExactChunks() throws IOException {
    Path f = Files.write(dir.resolve("odd"), pattern(2_500_000));
    List<Integer> sizes = new ArrayList<>();
    EventLoop.run(loop -> Fs.createReadStream(f, ReadOptions.defaults().highWaterMark(100_000))
        .onData(b -> sizes.add(b.remaining())));
    assertEquals(25, sizes.size());
    assertTrue(sizes.stream().allMatch(s -> s == 100_000), sizes.toString());
  }
}
