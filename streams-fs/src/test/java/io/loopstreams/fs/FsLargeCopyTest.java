package io.loopstreams.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large copies, checked by checksum (Node's {@code test-fs-read-stream-*} at scale): a 2 GiB
 * file through {@link Fs#copy}; the stream pipelines (direct transfer, and piped chunk by chunk)
 * copy its first 256 MiB (2 GiB more through each pipeline took 20–40 s on the shared two-core
 * machine with a busy disk, too long for a test). Tagged {@code large}: it runs in {@code mvn verify} (nothing
 * excludes the tag) and takes about 15–20 s on two cores; the file is generated in the
 * {@code @TempDir} from a fast deterministic pattern (xorshift64).
 */
@Tag("large")
class FsLargeCopyTest {

  private static final long SIZE = 2L << 30;
  private static final int BLOCK = 1 << 20;
  private static final long PIPED = 256L << 20;

  @TempDir
  static Path dir;
  static Path source;
  static long sourceCrc;
  static long prefixCrc;

  @BeforeAll
  static void generate() throws IOException {
    // The source and one copy at a time: 4 GiB, plus a margin. A machine without the room skips
    // these tests (with this reason) rather than failing them with ENOSPC.
    long free = Files.getFileStore(dir).getUsableSpace();
    assumeTrue(free > 2 * SIZE + (512L << 20),
        "needs 4.5 GiB free in the temporary directory, has " + (free >> 20) + " MiB");
    source = dir.resolve("two-gib.bin");
    CRC32C crc = new CRC32C();
    ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
    long seed = 0x9E3779B97F4A7C15L;
    try (FileChannel ch = FileChannel.open(source, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long i = 0; i < SIZE / BLOCK; i++) {
        block.clear();
        long x = seed ^ i;
        while (block.hasRemaining()) {
          x ^= x << 13;
          x ^= x >>> 7;
          x ^= x << 17; // xorshift64: a different, incompressible block each time
          block.putLong(x);
        }
        block.flip();
        crc.update(block.duplicate());
        if ((i + 1) * BLOCK == PIPED) {
          prefixCrc = crc.getValue();
        }
        while (block.hasRemaining()) {
          ch.write(block);
        }
      }
    }
    sourceCrc = crc.getValue();
  }

  private static long crcOf(Path f) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK);
    try (FileChannel ch = FileChannel.open(f)) {
      while (ch.read(buf.clear()) >= 0) {
        crc.update(buf.flip());
      }
    }
    return crc.getValue();
  }

  @Test
  void twoGibFsCopyEqualsItsSource() throws IOException {
    Path dst = dir.resolve("copy.bin");
    Object[] out = new Object[2];
    EventLoop.run(loop -> Fs.copy(source, dst).onSettled((n, e) -> {
      out[0] = n;
      out[1] = e;
    }));
    assertNull(out[1]);
    assertEquals(SIZE, out[0]);
    assertEquals(sourceCrc, crcOf(dst));
    Files.delete(dst);
  }

  @Test
  void directPipelineOfTheFirst256MibEqualsThatRange() throws IOException {
    Path dst = dir.resolve("direct.bin");
    Throwable[] error = {null};
    EventLoop.run(loop -> Pipeline.run(java.util.List.of(
        Fs.createReadStream(source, ReadOptions.defaults().end(PIPED - 1)), Fs.createWriteStream(dst)),
        e -> error[0] = e));
    assertNull(error[0]);
    assertEquals(PIPED, Files.size(dst));
    assertEquals(prefixCrc, crcOf(dst));
    Files.delete(dst);
  }

  @Test
  void chunkedPipelineOfTheFirst256MibEqualsThatRange() throws IOException {
    Path dst = dir.resolve("piped.bin");
    Throwable[] error = {null};
    long[] chunks = {0};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(source, ReadOptions.defaults().end(PIPED - 1));
      in.onData(b -> chunks[0]++); // observed: piped chunk by chunk, no direct transfer
      in.pause();
      Pipeline.run(java.util.List.of(in, Fs.createWriteStream(dst)), e -> error[0] = e);
    });
    assertNull(error[0]);
    assertEquals(PIPED / (64 * 1024), chunks[0]);
    assertEquals(PIPED, Files.size(dst));
    assertEquals(prefixCrc, crcOf(dst));
    Files.delete(dst);
  }
}
