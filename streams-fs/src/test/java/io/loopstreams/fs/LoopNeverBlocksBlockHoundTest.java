package io.loopstreams.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.OffloadPool;
import io.loopstreams.core.stream.PassThrough;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.text.Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * BlockHound proves the loop thread never blocks while it runs file streams: every open, read,
 * write, fsync, rename and close goes to the offload pool. Runs in a JVM of its own (see the
 * module's pom: BlockHound instruments the whole JVM and needs
 * {@code -XX:+AllowRedefinitionToAddDeleteMethods} on JDK 13+).
 *
 * <p>Two waits are allowed on the loop thread, by name: the poll phase's park (the loop's one
 * legitimate wait, when nothing is due) and the hand-off into the pool's work queue, whose lock
 * is held for a few instructions by the producer and by a worker taking a task.
 */
class LoopNeverBlocksBlockHoundTest {

  private static final String LOOP = "blockhound";
  private static EventLoop loop;

  @TempDir
  static Path dir;

  @BeforeAll
  static void install() {
    BlockHound.builder()
        .nonBlockingThreadPredicate(p -> p.or(t -> t.getName().equals("loopstreams-" + LOOP)))
        .allowBlockingCallsInside("io.loopstreams.core.LoopInbox", "park")
        .allowBlockingCallsInside(OffloadPool.class.getName(), "enqueue")
        .install();
    loop = EventLoop.create(LOOP).start();
  }

  @AfterAll
  static void stop() {
    loop.close();
  }

  @Test
  void aBlockingCallOnTheLoopThreadIsCaught() throws Exception {
    // Proves the instrumentation is live, so the tests below can fail.
    // A deliberate blocking call on the loop thread (a 1 ms park), which BlockHound must reject.
    Object outcome = loop.call(() -> {
      try {
        LockSupport.parkNanos(1_000_000L);
        return "parked";
      } catch (BlockingOperationError e) {
        return e;
      }
    }).get(10, TimeUnit.SECONDS);
    assertTrue(outcome instanceof BlockingOperationError, String.valueOf(outcome));
  }

  @Test
  void aChunkedFilePipelineWithAnAtomicDestinationNeverBlocksTheLoop() throws Exception {
    byte[] data = new byte[5 * 1024 * 1024 + 123];
    new Random(7).nextBytes(data);
    Path src = Files.write(dir.resolve("src.bin"), data);
    Path dst = dir.resolve("dst.bin");
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    loop.execute(() -> Pipeline.run(List.of(
        Fs.createReadStream(src),
        new PassThrough<>(StreamOptions.bytes()), // a middle stage: every chunk crosses the loop
        Fs.createWriteStream(dst, WriteOptions.defaults().atomic(true).fsync(true))),
        outcome::complete));
    assertNull(outcome.get(30, TimeUnit.SECONDS));
    assertArrayEquals(data, Files.readAllBytes(dst));
  }

  @Test
  void copyHelpersAndLinesNeverBlockTheLoop() throws Exception {
    Path src = Files.writeString(dir.resolve("lines.txt"), "a\nbb\nccc\n");
    Path copy = dir.resolve("copy.txt");
    List<String> lines = loop.call(() -> Fs.copy(src, copy))
        .thenCompose(p -> p.toCompletableFuture())
        .thenCompose(n -> loop.call(() -> Fs.createReadStream(copy).pipe(Text.utf8Lines()).toList()))
        .thenCompose(p -> p.toCompletableFuture())
        .get(30, TimeUnit.SECONDS);
    assertEquals(List.of("a", "bb", "ccc"), lines);
    Long size = loop.call(() -> Fs.stat(copy)).thenCompose(p -> p.toCompletableFuture())
        .thenApply(FileStat::size).get(30, TimeUnit.SECONDS);
    assertEquals(9L, size);
  }
}
