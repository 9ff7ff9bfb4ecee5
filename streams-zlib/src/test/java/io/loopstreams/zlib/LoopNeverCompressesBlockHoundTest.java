package io.loopstreams.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.OffloadPool;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.WriteOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * BlockHound proves the loop thread never deflates or inflates: zlib's native entry points of
 * {@link Deflater} and {@link java.util.zip.Inflater} are marked as blocking, so a call from the
 * loop thread fails the pipeline. Runs in a JVM of its own (see the module's pom). The loop's
 * park and the hand-off into the pool's queue are allowed, as in streams-fs.
 */
class LoopNeverCompressesBlockHoundTest {

  private static final String LOOP = "blockhound-zlib";
  private static EventLoop loop;

  @TempDir
  static Path dir;

  @BeforeAll
  static void install() {
    BlockHound.Builder b = BlockHound.builder()
        .nonBlockingThreadPredicate(p -> p.or(t -> t.getName().equals("loopstreams-" + LOOP)))
        .allowBlockingCallsInside("io.loopstreams.core.LoopInbox", "park")
        .allowBlockingCallsInside(OffloadPool.class.getName(), "enqueue");
    for (String m : List.of("deflateBytesBytes:(J[BII[BIIII)J", "deflateBytesBuffer:(J[BIIJIII)J",
        "deflateBufferBytes:(JJI[BIIII)J", "deflateBufferBuffer:(JJIJIII)J")) {
      b.markAsBlocking(Deflater.class, m.split(":")[0], m.split(":")[1]);
    }
    for (String m : List.of("inflateBytesBytes:(J[BII[BII)J", "inflateBytesBuffer:(J[BIIJI)J",
        "inflateBufferBytes:(JJI[BII)J", "inflateBufferBuffer:(JJIJI)J")) {
      b.markAsBlocking(java.util.zip.Inflater.class, m.split(":")[0], m.split(":")[1]);
    }
    b.install();
    loop = EventLoop.create(LOOP).start();
  }

  @AfterAll
  static void stop() {
    loop.close();
  }

  @Test
  void aDeflateOnTheLoopThreadIsCaught() throws Exception {
    Object outcome = loop.call(() -> {
      Deflater d = new Deflater();
      d.setInput(new byte[100]);
      d.finish();
      try {
        return d.deflate(new byte[200]);
      } catch (BlockingOperationError e) {
        return e;
      } finally {
        d.end();
      }
    }).get(10, TimeUnit.SECONDS);
    assertTrue(outcome instanceof BlockingOperationError, String.valueOf(outcome));
  }

  private static void roundTrip(Supplier<Stream> compress, Supplier<Stream> decompress) throws Exception {
    byte[] data = ZlibTestSupport.logData(3 * 1024 * 1024 + 5, 9);
    Path src = Files.write(dir.resolve("src"), data);
    Path packed = dir.resolve("packed");
    Path back = dir.resolve("back");
    assertSettledCleanly(pipe(src, compress, packed).get(60, TimeUnit.SECONDS));
    assertSettledCleanly(pipe(packed, decompress, back).get(60, TimeUnit.SECONDS));
    assertArrayEquals(data, Files.readAllBytes(back));
  }

  /** A failure shows where the loop blocked: the whole stack, not only the error's message. */
  private static void assertSettledCleanly(Throwable outcome) {
    if (outcome != null) {
      StringWriter trace = new StringWriter();
      outcome.printStackTrace(new PrintWriter(trace));
      fail("failed on the loop: " + trace);
    }
  }

  private static CompletableFuture<Throwable> pipe(Path from, Supplier<Stream> stage, Path to) {
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    loop.execute(() -> Pipeline.run(List.of(Fs.createReadStream(from), stage.get(),
        Fs.createWriteStream(to, WriteOptions.defaults().atomic(true))), outcome::complete));
    return outcome;
  }

  @Test
  void gzipGunzipAndParallelGzipNeverDeflateOrInflateOnTheLoop() throws Exception {
    roundTrip(Zlib::gzip, Zlib::gunzip);
    roundTrip(() -> Zlib.gzip(ZlibOptions.defaults().parallelism(3)), Zlib::unzip);
    roundTrip(Zlib::deflate, Zlib::inflate);
  }

  /**
   * A parallel gzip closes its private pool from the loop when destroyed. Shutting a
   * ThreadPoolExecutor down takes its main lock, which its threads take as they end: closed on the
   * loop, that lock was waited for once in a few hundred closes (BlockHound caught it in a
   * gzip round trip). Each round closes a three-thread pool just as its last task completes, when
   * its threads are most likely to be busy with that lock.
   */
  @Test
  void closingAPrivatePoolFromTheLoopNeverWaitsForItsLock() throws Exception {
    int rounds = 2000;
    for (int i = 0; i < rounds; i++) {
      CompletableFuture<Throwable> closed = new CompletableFuture<>();
      loop.execute(() -> {
        OffloadPool pool = new OffloadPool("blockhound-closing", 3);
        AtomicInteger done = new AtomicInteger();
        for (int k = 0; k < 3; k++) {
          loop.offload(pool, () -> "compressed", (v, e) -> {
            if (done.incrementAndGet() == 3) {
              try {
                pool.close();
                closed.complete(null);
              } catch (Throwable t) {
                closed.complete(t);
              }
            }
          });
        }
      });
      assertSettledCleanly(closed.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void brotliAndZstdRunOnThePoolToo() throws Exception {
    roundTrip(() -> Zlib.brotliCompress(BrotliOptions.defaults().quality(4)), Zlib::brotliDecompress);
    roundTrip(Zlib::zstdCompress, Zlib::zstdDecompress);
  }
}
