package io.loopstreams.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.buffer.BufferPool;
import io.loopstreams.core.stream.ChunkObserver;
import io.loopstreams.core.stream.PassThrough;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.core.testing.PoolCounters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pooled blocks on real files (docs/buffers.md): a file → file pipe, with a byte-counting
 * observer to keep it off the direct transfer, reads whole 1 MiB blocks into the shared pool and
 * every one comes back once written (a PassThrough in between passes them on); a retaining DATA
 * listener, a second destination or a stage in between that may keep chunks keeps the pool out
 * of it; a write error or a destroy in the middle releases every block exactly once (a second
 * release throws, a lost one stays outstanding). The build runs tests with released buffers
 * poisoned, so bytes read from a recycled buffer would not match the file.
 */
class FileBufferRecyclingTest {

  private static final int MIB = 1 << 20;
  private static final BufferPool POOL = BufferPool.shared();

  @TempDir
  Path dir;
  Path src;
  byte[] data;
  private PoolCounters pool;

  @BeforeEach
  void eightMibAndATail() throws IOException {
    data = new byte[8 * MIB + 100];
    new Random(17).nextBytes(data);
    src = Files.write(dir.resolve("src"), data);
    pool = PoolCounters.ofShared();
  }

  private static byte[] concat(List<ByteBuffer> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuffer b : chunks) {
      byte[] a = new byte[b.remaining()];
      b.duplicate().get(a);
      out.writeBytes(a);
    }
    return out.toByteArray();
  }

  @Test
  void aPipeWithAByteCountingObserverSendsEveryBlockBackOnceWritten() throws IOException {
    Path dst = dir.resolve("dst");
    long[] observed = {0};
    int[] direct = {0};
    Throwable[] error = {new AssertionError("not settled")};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      in.onData((ChunkObserver<ByteBuffer>) b -> {
        observed[0] += b.remaining();
        direct[0] += b.isDirect() ? 1 : 0;
      });
      Pipeline.run(List.of(in, Fs.createWriteStream(dst)), e -> error[0] = e);
    });
    assertEquals(null, error[0]);
    assertArrayEquals(data, Files.readAllBytes(dst));
    assertEquals(data.length, observed[0]);
    assertEquals(8 * 16, direct[0]);
    pool.assertAllRecycled(8); // the 8 whole blocks; the 100-byte tail is a heap buffer
  }

  /**
   * Outside poison mode (a child JVM), three copies in a row take their blocks from two buffers
   * of the pool, and the chunks are the blocks' cached views: 16 objects per buffer, plus one
   * slice per copy for the 100-byte tail, however many blocks go through.
   */
  @Test
  void outsidePoisonModeCopiesReuseTwoBuffersAndTheirChunkObjects() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path c = dir.resolve("c");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        PooledCopyChild.class.getName(), src.toString(), a.toString(), b.toString(), c.toString())
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, child.exitValue(), output);
    int chunks = 3 * (8 * 16 + 1);
    assertEquals("bytes=" + 3L * data.length + " chunks=" + chunks + " distinct=" + (2 * 16 + 3)
        + " allocated=2 acquired=24 recycled=24 failed=null", output);
    for (Path p : List.of(a, b, c)) {
      assertArrayEquals(data, Files.readAllBytes(p));
    }
  }

  @Test
  void aPassThroughBetweenTheFileStreamsPassesTheBlocksOnAndEveryOneComesBack() throws IOException {
    Path dst = dir.resolve("dst");
    long[] observed = {0};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      PassThrough<ByteBuffer> tap = new PassThrough<>(StreamOptions.bytes());
      tap.onData((ChunkObserver<ByteBuffer>) b -> observed[0] += b.remaining());
      Pipeline.run(List.of(in, tap, Fs.createWriteStream(dst)), e -> { });
    });
    assertArrayEquals(data, Files.readAllBytes(dst));
    assertEquals(data.length, observed[0]);
    pool.assertAllRecycled(8);
  }

  /**
   * A PassThrough passes ownership on only to a consumer that adopts: with a DATA listener that
   * keeps chunks behind it, every block would be shared, so the file is read into heap buffers
   * and the pool (direct memory) is not touched.
   */
  @Test
  void aPassThroughReadByAKeepingListenerLeavesThePoolAlone() {
    List<ByteBuffer> kept = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<ByteBuffer> tap = new PassThrough<>(StreamOptions.bytes());
      tap.onData(kept::add);
      Fs.createReadStream(src).pipe(tap);
    });
    assertArrayEquals(data, concat(kept));
    assertEquals(0L, kept.stream().filter(ByteBuffer::isDirect).count(), "direct of " + kept.size() + ", pool " + pool.acquired());
    assertEquals(0, pool.acquired());
    pool.assertNoneOutstanding();
  }

  @Test
  void aRangeOfTheFileIsCopiedFromPooledBlocksToo() throws IOException {
    Path dst = dir.resolve("dst");
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src, ReadOptions.defaults().start(12_345).end(5L * MIB + 6));
      in.onData((ChunkObserver<ByteBuffer>) b -> { });
      Pipeline.run(in, Fs.createWriteStream(dst));
    });
    assertArrayEquals(Arrays.copyOfRange(data, 12_345, 5 * MIB + 7), Files.readAllBytes(dst));
    pool.assertAllRecycled(4);
  }

  @Test
  void aDataListenerThatKeepsChunksStillHoldsTheFileBytesAfterTheCopy() throws IOException {
    Path dst = dir.resolve("dst");
    List<ByteBuffer> kept = new ArrayList<>();
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      in.onData(kept::add);
      Pipeline.run(in, Fs.createWriteStream(dst));
    });
    Path again = dir.resolve("again"); // more pool traffic after the first copy: poisons nothing kept
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      in.onData((ChunkObserver<ByteBuffer>) b -> { });
      Pipeline.run(in, Fs.createWriteStream(again));
    });
    assertArrayEquals(data, concat(kept));
    assertArrayEquals(data, Files.readAllBytes(dst));
    assertArrayEquals(data, Files.readAllBytes(again));
    assertEquals(8, pool.recycled(), "only the second copy recycled");
    pool.assertNoneOutstanding();
  }

  @Test
  void twoFileDestinationsBothGetEveryByteAndNothingIsRecycled() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      in.pipe(Fs.createWriteStream(a));
      in.pipe(Fs.createWriteStream(b));
    });
    assertArrayEquals(data, Files.readAllBytes(a));
    assertArrayEquals(data, Files.readAllBytes(b));
    assertEquals(0, pool.recycled());
    pool.assertNoneOutstanding();
  }

  @Test
  void aTransformThatKeepsItsInputKeepsBuffersTheFileBytesStillFill() throws IOException {
    Path dst = dir.resolve("dst");
    List<ByteBuffer> kept = new ArrayList<>();
    EventLoop.run(loop -> Pipeline.run(Fs.createReadStream(src),
        Transform.<ByteBuffer, ByteBuffer>map(StreamOptions.bytes(), chunk -> {
          kept.add(chunk);
          return chunk;
        }),
        Fs.createWriteStream(dst)));
    assertArrayEquals(data, Files.readAllBytes(dst));
    assertArrayEquals(data, concat(kept));
    assertEquals(0, pool.recycled());
    pool.assertNoneOutstanding();
  }

  @Test
  void aWriteErrorMidStreamReleasesEveryBlockOnce() {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "no writable /dev/full");
    Throwable[] error = {null};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      in.onData((ChunkObserver<ByteBuffer>) b -> { });
      Pipeline.run(List.of(in, Fs.createWriteStream(full)), e -> error[0] = e);
    });
    SystemException e = assertInstanceOf(SystemException.class, error[0]);
    assertEquals(ErrorCode.ENOSPC, e.code());
    assertTrue(pool.acquired() >= 1, POOL.toString());
    pool.assertNoneOutstanding();
  }

  @Test
  void destroyingTheWriteStreamMidCopyReleasesEveryBlockOnce() throws IOException {
    Throwable[] error = {null};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      FileWriteStream out = Fs.createWriteStream(dir.resolve("dst"));
      int[] n = {0};
      in.onData((ChunkObserver<ByteBuffer>) b -> {
        if (++n[0] == 40) {
          out.destroy(new IllegalStateException("stop at chunk 40"));
        }
      });
      Pipeline.run(List.of(in, out), e -> error[0] = e);
    });
    assertEquals("stop at chunk 40", error[0].getMessage());
    assertTrue(pool.acquired() >= 3, POOL.toString());
    pool.assertNoneOutstanding();
  }

  @Test
  void destroyingTheReadStreamMidCopyReleasesWhatItStillBuffered() {
    Throwable[] error = {null};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      int[] n = {0};
      in.onData((ChunkObserver<ByteBuffer>) b -> {
        if (++n[0] == 20) {
          in.destroy(); // 12 more chunks of this block are still buffered
        }
      });
      Pipeline.run(List.of(in, Fs.createWriteStream(dir.resolve("dst"))), e -> error[0] = e);
    });
    StreamException e = assertInstanceOf(StreamException.class, error[0]);
    assertEquals(ErrorCode.ERR_STREAM_PREMATURE_CLOSE, e.code());
    assertTrue(pool.acquired() >= 2, POOL.toString());
    assertEquals(0, pool.shared(), POOL.toString());
    pool.assertNoneOutstanding();
  }

  @Test
  void theSharedPoolHoldsOneMibBlocksAndKeepsAtMostSixteenIdle() {
    assertEquals(MIB, POOL.blockSize());
    assertEquals(16L * MIB, POOL.maxRetainedBytes());
    assertTrue(POOL.retainedBytes() <= POOL.maxRetainedBytes());
  }
}
