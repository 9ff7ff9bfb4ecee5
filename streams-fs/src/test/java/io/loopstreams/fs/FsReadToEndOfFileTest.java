package io.loopstreams.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads and copies go to the end of the file, never to the size {@code stat} reported (Node's
 * {@code test-fs-readfile-pipe*.js} and {@code test-fs-readfile-zero-byte-liar.js}, and
 * {@code cp}'s behaviour for {@code /proc} files): {@code /proc} files report size 0, FIFOs have
 * no size, and a file being appended to grows while it is read.
 *
 * <p>Node 20 for the same files:
 * <pre>
 * $ node -e 'console.log(require("fs").readFileSync("/proc/self/status").length)'
 * 1405
 * $ mkfifo f; (printf 'hello fifo\n' &gt; f &amp;); node -e 'require("fs").readFile("f",(e,b)=&gt;console.log(e,JSON.stringify(b.toString())))'
 * null "hello fifo\n"
 * </pre>
 * Node's {@code copyFile} copies 0 bytes of {@code /proc/version} (libuv's sendfile trusts
 * the size); {@code cp} copies all 125, and so does {@link Fs#copy}.
 */
class FsReadToEndOfFileTest {

  private static final Path PROC_VERSION = Path.of("/proc/version");

  @TempDir
  Path dir;

  private static <T> T await(java.util.function.Function<EventLoop, io.loopstreams.core.Promise<T>> f) {
    Object[] out = new Object[2];
    EventLoop.run(loop -> f.apply(loop).onSettled((v, e) -> {
      out[0] = v;
      out[1] = e;
    }));
    assertNull(out[1]);
    @SuppressWarnings("unchecked")
    T v = (T) out[0];
    return v;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  @Test
  void procFilesReportSizeZeroButHaveContent() throws IOException {
    assertEquals(0, Files.size(PROC_VERSION));
    assertTrue(Files.readAllBytes(PROC_VERSION).length > 0);
  }

  @Test
  void copyOfAProcFileReportingSizeZeroCopiesEveryByte() throws IOException {
    byte[] expected = Files.readAllBytes(PROC_VERSION);
    Path dst = dir.resolve("version");
    assertEquals(expected.length, (long) FsReadToEndOfFileTest.<Long>await(loop -> Fs.copy(PROC_VERSION, dst)));
    assertArrayEquals(expected, Files.readAllBytes(dst));
  }

  @Test
  void atomicCopyOfAProcFileCopiesEveryByte() throws IOException {
    byte[] expected = Files.readAllBytes(PROC_VERSION);
    Path dst = Files.writeString(dir.resolve("version"), "old");
    assertEquals(expected.length, (long) FsReadToEndOfFileTest.<Long>await(
        loop -> Fs.copy(PROC_VERSION, dst, CopyOptions.defaults().atomic(true))));
    assertArrayEquals(expected, Files.readAllBytes(dst));
  }

  @Test
  void readFileOfAProcFileReadsToTheEnd() throws IOException {
    assertArrayEquals(Files.readAllBytes(PROC_VERSION), bytes(await(loop -> Fs.readFile(PROC_VERSION))));
    String status = new String(bytes(await(loop -> Fs.readFile(Path.of("/proc/self/status")))));
    assertTrue(status.startsWith("Name:\t") && status.contains("\nVmRSS:") && status.endsWith("\n"), status);
  }

  @Test
  void fileToFilePipelineOfAProcFileCopiesEveryByte() throws IOException {
    byte[] expected = Files.readAllBytes(PROC_VERSION);
    Path dst = dir.resolve("version");
    EventLoop.run(loop -> Pipeline.run(Fs.createReadStream(PROC_VERSION), Fs.createWriteStream(dst)));
    assertArrayEquals(expected, Files.readAllBytes(dst));
  }

  @Test
  void readStreamOfAProcFileDeliversEveryByte() throws IOException {
    byte[] expected = Files.readAllBytes(PROC_VERSION);
    FsTestSupport.Recorded[] r = new FsTestSupport.Recorded[1];
    EventLoop.run(loop -> r[0] = FsTestSupport.record(Fs.createReadStream(PROC_VERSION)));
    assertEquals(new String(expected, java.nio.charset.StandardCharsets.ISO_8859_1), r[0].text.toString());
    assertEquals(List.of("open", "ready", "data", "end", "close"), r[0].events);
  }

  @Test
  void copyFromAFifoFedByAnotherThreadCopiesEverything() throws Exception {
    byte[] data = SpecialFiles.random(3_000_017, 1);
    Path fifo = SpecialFiles.mkfifo(dir.resolve("fifo"));
    Path dst = dir.resolve("dst");
    CompletableFuture<Void> fed = SpecialFiles.feed(fifo, data, 7_001);
    assertEquals(data.length, (long) FsReadToEndOfFileTest.<Long>await(
        loop -> Fs.copy(fifo, dst, CopyOptions.defaults().atomic(true))));
    fed.get(10, TimeUnit.SECONDS);
    assertArrayEquals(data, Files.readAllBytes(dst));
  }

  @Test
  void readFileOfAFifoReadsUntilTheWriterCloses() throws Exception {
    byte[] data = SpecialFiles.random(100_003, 2);
    Path fifo = SpecialFiles.mkfifo(dir.resolve("fifo"));
    CompletableFuture<Void> fed = SpecialFiles.feed(fifo, data, 999);
    assertArrayEquals(data, bytes(await(loop -> Fs.readFile(fifo))));
    fed.get(10, TimeUnit.SECONDS);
  }

  @Test
  void pipelineFromAFifoCopiesEverything() throws Exception {
    byte[] data = SpecialFiles.random(2_500_000, 3);
    Path fifo = SpecialFiles.mkfifo(dir.resolve("fifo"));
    Path dst = dir.resolve("dst");
    CompletableFuture<Void> fed = SpecialFiles.feed(fifo, data, 65_536);
    EventLoop.run(loop -> Pipeline.run(Fs.createReadStream(fifo), Fs.createWriteStream(dst)));
    fed.get(10, TimeUnit.SECONDS);
    assertArrayEquals(data, Files.readAllBytes(dst));
  }

  @Test
  void readStreamOfAFifoDeliversChunksAsTheyArriveAndEndsAtEof() throws Exception {
    byte[] data = SpecialFiles.random(300_000, 4);
    Path fifo = SpecialFiles.mkfifo(dir.resolve("fifo"));
    CompletableFuture<Void> fed = SpecialFiles.feed(fifo, data, 10_000);
    FsTestSupport.Recorded[] r = new FsTestSupport.Recorded[1];
    EventLoop.run(loop -> r[0] = FsTestSupport.record(Fs.createReadStream(fifo)));
    fed.get(10, TimeUnit.SECONDS);
    assertArrayEquals(data, r[0].text.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertEquals(List.of("open", "ready", "data", "end", "close"), r[0].events);
  }

  /**
   * The destination is a FIFO that this thread drains slowly: the copy blocks on the full pipe
   * long before it reaches the source's original end, the source grows meanwhile, and the copy
   * must carry the appended bytes too.
   */
  @Test
  void copyOfAFileAppendedToDuringTheCopyCopiesTheAppendedBytes() throws Exception {
    byte[] first = SpecialFiles.random(4 << 20, 5);
    byte[] more = SpecialFiles.random(1 << 20, 6);
    Path src = Files.write(dir.resolve("growing"), first);
    Path out = SpecialFiles.mkfifo(dir.resolve("out"));
    CompletableFuture<Object[]> copy = CompletableFuture.supplyAsync(() -> {
      Object[] r = new Object[2];
      EventLoop.run(loop -> Fs.copy(src, out).onSettled((n, e) -> {
        r[0] = n;
        r[1] = e;
      }));
      return r;
    });
    byte[] received;
    try (InputStream in = Files.newInputStream(out)) {
      byte[] head = in.readNBytes(1 << 20); // the copy is at most a pipe buffer ahead of this
      Files.write(src, more, StandardOpenOption.APPEND);
      byte[] rest = in.readAllBytes();
      received = Arrays.copyOf(head, head.length + rest.length);
      System.arraycopy(rest, 0, received, head.length, rest.length);
    }
    Object[] r = copy.get(30, TimeUnit.SECONDS);
    assertNull(r[1]);
    assertEquals((long) (first.length + more.length), r[0]);
    assertArrayEquals(Files.readAllBytes(src), received);
  }

  /** The same for a read stream: the first DATA grows the file, and the stream reads on. */
  @Test
  void readStreamOfAFileAppendedToWhileReadingDeliversTheAppendedBytes() throws IOException {
    byte[] first = SpecialFiles.random(3 << 20, 7);
    byte[] more = SpecialFiles.random(1_000_001, 8);
    Path src = Files.write(dir.resolve("growing"), first);
    Path dst = dir.resolve("dst");
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      boolean[] appended = {false};
      in.onData(b -> {
        if (!appended[0]) {
          appended[0] = true;
          try {
            Files.write(src, more, StandardOpenOption.APPEND);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      });
      Pipeline.run(in, Fs.createWriteStream(dst));
    });
    assertEquals(first.length + more.length, Files.size(dst));
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
  }
}
