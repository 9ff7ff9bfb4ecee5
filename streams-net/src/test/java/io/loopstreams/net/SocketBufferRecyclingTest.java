package io.loopstreams.net;

import static io.loopstreams.net.NetTestSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.buffer.BufferPool;
import io.loopstreams.core.stream.ChunkObserver;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.testing.PoolCounters;
import io.loopstreams.fs.Fs;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pooled blocks across a real loopback connection (docs/buffers.md): a socket piped alone into a
 * file copies what it reads into pooled blocks, and a socket that a file is piped into alone
 * adopts the file's blocks; both ends give every block back once written, sent or dropped. A
 * consumer that may keep chunks makes the receiving socket read into heap copies (or share the
 * blocks it already filled); a reset in the middle releases every block exactly once. Released
 * buffers are poisoned in tests, so bytes read from a recycled block would not match the file.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketBufferRecyclingTest {

  private static final long SIZE = 16L << 20;
  /**
   * For the failures: large enough that the sender cannot have handed everything to the kernel
   * (loopback socket buffers hold about 10 MiB) before the receiver fails, so the sender fails too.
   */
  private static final long FAILING_SIZE = 48L << 20;
  private static final BufferPool POOL = BufferPool.shared();

  @TempDir
  Path dir;
  private PoolCounters pool;

  @BeforeEach
  void counters() {
    pool = PoolCounters.ofShared();
  }

  @Test
  void fileToSocketToFileSendsEveryBlockBackOnBothEnds() throws Exception {
    Path src = SocketFileTransferTest.randomFile(dir.resolve("src.bin"), SIZE);
    Path dst = dir.resolve("dst.bin");
    Throwable[] results = {new AssertionError("not settled"), new AssertionError("not settled")};
    long[] observedBytes = {0};
    NetTestSupport.withServer(ServerOptions.defaults(), in -> {
      // A byte counter keeps nothing: the socket still reads into pooled blocks.
      in.onData((ChunkObserver<ByteBuffer>) b -> observedBytes[0] += b.remaining());
      Pipeline.run(List.of(in, Fs.createWriteStream(dst)), e -> results[1] = e);
    }, sendFile(src, results));
    assertNull(results[0]);
    assertNull(results[1]);
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
    assertEquals(SIZE, observedBytes[0]);
    // The sender's 16 file blocks, and at least one block the receiver filled with what it read.
    assertTrue(pool.acquired() > 16, POOL.toString());
    assertEquals(pool.acquired(), pool.recycled(), POOL.toString());
    assertEquals(0, pool.shared());
    pool.assertNoneOutstanding();
  }

  @Test
  void aListenerAddedMidTransferThatKeepsChunksStillHoldsTheirBytes() throws Exception {
    Path src = SocketFileTransferTest.randomFile(dir.resolve("src.bin"), SIZE);
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    List<ByteBuffer> chunks = new ArrayList<>();
    Throwable[] results = {new AssertionError("not settled"), new AssertionError("not settled")};
    NetTestSupport.withServer(ServerOptions.defaults(), in -> {
      Pipeline.run(List.of(in, Fs.createWriteStream(dir.resolve("dst.bin"))), e -> results[1] = e);
      int[] n = {0};
      in.onData((ChunkObserver<ByteBuffer>) b -> {
        if (++n[0] == 50) {
          in.onData(chunks::add); // from the 51st chunk on, a listener keeps every chunk
        }
      });
    }, sendFile(src, results));
    assertNull(results[0]);
    assertNull(results[1]);
    // More pool traffic after the transfer: a kept chunk whose block went back would be poisoned.
    Path again = dir.resolve("again.bin");
    EventLoop.run(loop -> {
      var in = Fs.createReadStream(src);
      in.onData((ChunkObserver<ByteBuffer>) b -> { });
      Pipeline.run(in, Fs.createWriteStream(again));
    });
    for (ByteBuffer b : chunks) {
      byte[] a = new byte[b.remaining()];
      b.duplicate().get(a);
      kept.writeBytes(a);
    }
    byte[] all = Files.readAllBytes(src);
    byte[] tail = kept.toByteArray();
    assertArrayEquals(Arrays.copyOfRange(all, all.length - tail.length, all.length), tail);
    assertArrayEquals(all, Files.readAllBytes(dir.resolve("dst.bin")));
    pool.assertNoneOutstanding();
  }

  @Test
  void aResetMidTransferReleasesEveryBlockOnceOnBothEnds() throws Exception {
    Path src = SocketFileTransferTest.randomFile(dir.resolve("src.bin"), FAILING_SIZE);
    Throwable[] results = {null, null};
    NetTestSupport.withServer(ServerOptions.defaults(), in -> {
      long[] got = {0};
      in.onData((ChunkObserver<ByteBuffer>) b -> {
        got[0] += b.remaining();
        if (got[0] > 4L << 20 && !in.destroyed()) {
          in.resetAndDestroy();
        }
      });
      Pipeline.run(List.of(in, Fs.createWriteStream(dir.resolve("dst.bin"))), e -> results[1] = e);
    }, sendFile(src, results));
    assertNotNull(results[0], "the sender succeeded");
    assertNotNull(results[1], "the receiver succeeded");
    assertTrue(pool.acquired() > 1, POOL.toString());
    pool.assertNoneOutstanding();
  }

  @Test
  void manyEchoConnectionsKeepPooledMemoryBoundedAndGetTheirBytesBack() {
    int connections = 200;
    long[] peak = {0};
    long base = POOL.outstandingBlocks();
    NetTestSupport.EchoCount[] count = new NetTestSupport.EchoCount[1];
    NetTestSupport.withServer(ServerOptions.defaults(), s -> s.pipe(s), (server, port) -> {
      count[0] = NetTestSupport.echoClients(server, port, connections, 256 * 1024);
      Runnable[] sample = new Runnable[1];
      sample[0] = () -> {
        peak[0] = Math.max(peak[0], POOL.outstandingBlocks() - base);
        if (count[0].open > 0) {
          server.loop().setImmediate(sample[0]);
        }
      };
      server.loop().setImmediate(sample[0]);
    });
    assertEquals(0, count[0].failed);
    assertEquals(connections, count[0].echoed);
    // 64 blocks (the cap), plus at most one per Netty thread that passed the check at once
    // (Reactor Netty runs max(4, cores) of them by default).
    int nettyThreads = Math.max(4, Runtime.getRuntime().availableProcessors());
    assertTrue(peak[0] <= 64 + nettyThreads, "peak blocks out: " + peak[0]);
    pool.assertNoneOutstanding();
  }

  @Test
  void aConnectionThatGoesQuietAfterABulkReadHoldsNoBlock() throws Exception {
    Path dst = dir.resolve("dst.bin");
    long base = POOL.outstandingBlocks();
    boolean[] quiet = {false};
    NetTestSupport.withServer(ServerOptions.defaults(), in -> {
      var file = Fs.createWriteStream(dst);
      Pipeline.run(List.of(in, file), e -> { });
      // Once the 512 KiB are written, and while the client still holds the connection open, no
      // block may stay out: poll on each turn of the loop (bounded by the test's timeout).
      Runnable[] check = new Runnable[1];
      check[0] = () -> {
        if (file.bytesWritten() == 512 * 1024 && POOL.outstandingBlocks() == base) {
          quiet[0] = true;
          in.end(); // the client closes once the server has ended its side
        } else {
          in.loop().setImmediate(check[0]);
        }
      };
      in.loop().setImmediate(check[0]);
    }, (server, port) -> {
      Socket c = Net.connect(HOST, port, SocketOptions.defaults());
      c.write(ByteBuffer.allocate(512 * 1024));
      c.on(Stream.END, () -> {
        c.end();
        server.close();
      });
      c.resume();
    });
    assertTrue(quiet[0], "a block stayed out while the connection was quiet");
    assertEquals(512 * 1024, Files.size(dst));
    pool.assertNoneOutstanding();
  }

  @Test
  void aReceiverWritingToAFullDeviceFailsAndReleasesEveryBlockOnce() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "no writable /dev/full");
    Path src = SocketFileTransferTest.randomFile(dir.resolve("src.bin"), FAILING_SIZE);
    Throwable[] results = {null, null};
    NetTestSupport.withServer(ServerOptions.defaults(), in ->
        Pipeline.run(List.of(in, Fs.createWriteStream(full)), e -> results[1] = e),
        sendFile(src, results));
    SystemException e =
        assertInstanceOf(SystemException.class, results[1]);
    assertEquals(ErrorCode.ENOSPC, e.code());
    assertNotNull(results[0], "the sender succeeded although the receiver failed");
    pool.assertNoneOutstanding();
  }

  /** The client side: {@code src} piped into a connection; its outcome in {@code results[0]}. */
  private static BiConsumer<Server, Integer> sendFile(Path src, Throwable[] results) {
    return (server, port) -> {
      Socket out = Net.connect(HOST, port, SocketOptions.defaults());
      Pipeline.run(List.of(Fs.createReadStream(src), out), e -> {
        results[0] = e;
        server.close();
      });
    };
  }
}
