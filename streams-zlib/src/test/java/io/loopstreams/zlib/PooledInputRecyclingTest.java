package io.loopstreams.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.buffer.BufferPool;
import io.loopstreams.core.stream.ChunkObserver;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.core.testing.PoolCounters;
import io.loopstreams.fs.FileReadStream;
import io.loopstreams.fs.Fs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compressor or decompressor piped alone from a file read stream adopts its pooled chunks
 * (docs/buffers.md): every whole 1 MiB block read goes back to the pool once the engine has
 * consumed it, on real files, for the single-stream engine (on the shared offload pool), parallel
 * gzip (which copies each chunk into its blocks on the loop) and zstd; an error or a destroy
 * mid-stream releases every block exactly once. Tests run with released buffers poisoned, so an
 * engine or an observer that read a chunk after its release would produce the wrong bytes.
 */
class PooledInputRecyclingTest {

  private static final int MIB = 1 << 20;
  private static final BufferPool POOL = BufferPool.shared();

  @TempDir
  Path dir;
  Path src;
  byte[] data;
  private PoolCounters pool;

  @BeforeEach
  void sixMibOfLogsAndATail() throws IOException {
    data = ZlibTestSupport.logData(6 * MIB + 100, 29);
    src = Files.write(dir.resolve("src.log"), data);
    pool = PoolCounters.ofShared();
  }

  /** file → stage → file; returns the pipeline's error (null on success). */
  private Throwable pipe(Path from, Supplier<? extends Transform<ByteBuffer, ByteBuffer>> stage, Path to) {
    Throwable[] error = {new AssertionError("not settled")};
    EventLoop.run(loop -> Pipeline.run(
        List.of(Fs.createReadStream(from), stage.get(), Fs.createWriteStream(to)), e -> error[0] = e));
    return error[0];
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  @Test
  void gzipOfAFileSendsEveryWholeBlockBackToThePool() throws IOException {
    Path gz = dir.resolve("out.gz");
    assertNull(pipe(src, Zlib::gzip, gz));
    assertArrayEquals(data, gunzip(gz));
    pool.assertAllRecycled(6); // the 6 whole blocks; the 100-byte tail is a heap buffer
  }

  @Test
  void parallelGzipOfAFileSendsEveryWholeBlockBackToThePool() throws IOException {
    Path gz = dir.resolve("out.gz");
    assertNull(pipe(src, () -> Zlib.gzip(ZlibOptions.defaults().parallelism(2)), gz));
    assertArrayEquals(data, gunzip(gz));
    pool.assertAllRecycled(6);
  }

  @Test
  void gunzipAndZstdRoundTripsRecycleTheirInputBlocks() throws IOException {
    Path gz = dir.resolve("in.gz");
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(ZlibTestSupport.logData(40 * MIB, 31)); // compresses to more than one block
    }
    long gzBlocks = Files.size(gz) / MIB;
    assertTrue(gzBlocks >= 1, "the test needs a compressed file of at least one block");
    Path plain = dir.resolve("plain");
    assertNull(pipe(gz, Zlib::gunzip, plain));
    assertArrayEquals(ZlibTestSupport.logData(40 * MIB, 31), Files.readAllBytes(plain));
    assertEquals(gzBlocks, pool.acquired());

    Path zst = dir.resolve("out.zst");
    Path back = dir.resolve("back");
    assertNull(pipe(src, Zlib::zstdCompress, zst));
    assertNull(pipe(zst, Zlib::zstdDecompress, back));
    assertArrayEquals(data, Files.readAllBytes(back));
    assertEquals(gzBlocks + 6 + Files.size(zst) / MIB, pool.acquired());
    assertEquals(pool.acquired(), pool.recycled());
    pool.assertNoneOutstanding();
  }

  @Test
  void anObserverAfterTheCompressorSeesEveryByteBeforeItsBlockIsReleased() throws IOException {
    // The compressor may be done with a chunk before the DATA event that delivered it reaches
    // the listeners registered after the pipe's: it must not release it until then.
    for (Supplier<Transform<ByteBuffer, ByteBuffer>> stage : List.<Supplier<Transform<ByteBuffer, ByteBuffer>>>of(
        Zlib::gzip, () -> Zlib.gzip(ZlibOptions.defaults().parallelism(2)))) {
      Path gz = dir.resolve("observed.gz");
      Files.deleteIfExists(gz);
      CRC32 seen = new CRC32();
      long[] bytes = {0};
      Throwable[] error = {new AssertionError("not settled")};
      EventLoop.run(loop -> {
        FileReadStream in = Fs.createReadStream(src);
        Pipeline.run(List.of(in, stage.get(), Fs.createWriteStream(gz)), e -> error[0] = e);
        in.onData((ChunkObserver<ByteBuffer>) b -> {
          seen.update(b.duplicate());
          bytes[0] += b.remaining();
        });
      });
      assertNull(error[0]);
      CRC32 expected = new CRC32();
      expected.update(data);
      assertEquals(data.length, bytes[0]);
      assertEquals(expected.getValue(), seen.getValue(), "the observer read a released buffer");
      assertArrayEquals(data, gunzip(gz));
    }
    assertEquals(12, pool.recycled());
    pool.assertNoneOutstanding();
  }

  @Test
  void aCorruptGzipFileFailsAndReleasesEveryBlockOnce() throws IOException {
    Path gz = dir.resolve("in.gz");
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(data);
    }
    byte[] bytes = Files.readAllBytes(gz);
    for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
      bytes[i] ^= 0x5a;
    }
    Files.write(gz, bytes);
    Throwable error = pipe(gz, Zlib::gunzip, dir.resolve("plain"));
    assertInstanceOf(ZlibException.class, error);
    pool.assertNoneOutstanding();
  }

  @Test
  void destroyingEitherCompressorMidFileReleasesEveryBlockOnce() {
    for (Supplier<Transform<ByteBuffer, ByteBuffer>> stage : List.<Supplier<Transform<ByteBuffer, ByteBuffer>>>of(
        Zlib::gzip, () -> Zlib.gzip(ZlibOptions.defaults().parallelism(2)))) {
      Throwable[] error = {null};
      EventLoop.run(loop -> {
        FileReadStream in = Fs.createReadStream(src);
        Transform<ByteBuffer, ByteBuffer> gzip = stage.get();
        int[] n = {0};
        in.onData((ChunkObserver<ByteBuffer>) b -> {
          if (++n[0] == 40) {
            gzip.destroy(new IllegalStateException("stop at chunk 40"));
          }
        });
        Pipeline.run(List.of(in, gzip, Fs.createWriteStream(dir.resolve("out.gz"))), e -> error[0] = e);
      });
      assertEquals("stop at chunk 40", error[0].getMessage());
    }
    assertTrue(pool.acquired() >= 6, POOL.toString());
    pool.assertNoneOutstanding();
  }

  @Test
  void aSecondConsumerOfTheSourceKeepsTheCompressorFromAdopting() throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      in.onData(b -> kept.writeBytes(copy(b)));
      Pipeline.run(in, Zlib.gzip(), Fs.createWriteStream(dir.resolve("out.gz")));
    });
    assertArrayEquals(data, kept.toByteArray());
    assertArrayEquals(data, gunzip(dir.resolve("out.gz")));
    assertEquals(0, pool.recycled());
    pool.assertNoneOutstanding();
  }

  @Test
  void gzipIntoAFullDeviceFailsWithEnospcAndReleasesEveryBlockOnce() {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "no writable /dev/full");
    for (Supplier<Transform<ByteBuffer, ByteBuffer>> stage : List.<Supplier<Transform<ByteBuffer, ByteBuffer>>>of(
        Zlib::gzip, () -> Zlib.gzip(ZlibOptions.defaults().parallelism(2)))) {
      Throwable error = pipe(src, stage, full);
      SystemException e = assertInstanceOf(SystemException.class, error);
      assertEquals(ErrorCode.ENOSPC, e.code());
    }
    assertTrue(pool.acquired() >= 1, POOL.toString());
    pool.assertNoneOutstanding();
  }

  private static byte[] copy(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }
}
