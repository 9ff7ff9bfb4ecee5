package io.loopstreams.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.stream.Pipeline;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The metadata rules of docs/files.md, applied by every atomic write and copy: an existing
 * destination keeps its mode, owner and group ({@code cp}'s rule); a new file gets the
 * source's mode for a copy and the umask default for a write; a symbolic link is written
 * through; a directory is EISDIR; a FIFO is written directly; times are kept on request.
 *
 * <p>Node 20 (test-fs-copyfile.js covers the mode of a new file), with umask 022:
 * <pre>
 * $ echo a &gt; src; chmod 644 src; echo b &gt; dst; chmod 600 dst
 * $ node -e 'fs.copyFileSync("src","dst"); console.log((fs.statSync("dst").mode&amp;0o777).toString(8))'
 * 644          (Node widens an existing destination to the source's mode; cp and we keep 600)
 * $ chmod 750 src; node -e 'fs.copyFileSync("src","new"); ...'   → 750
 * $ ln -s tgt link; node -e 'fs.copyFileSync("src","link"); ...' → link still a link, tgt has "a"
 * </pre>
 */
class FsDestinationMetadataTest {

  @TempDir
  Path dir;

  /** The three atomic writers: a copy, writeFile, and a write stream. */
  private BiFunction<Path, String, Void> writer(String kind) {
    return (dst, text) -> {
      ByteBuffer data = FsTestSupport.ascii(text);
      EventLoop.run(loop -> {
        switch (kind) {
          case "copy" -> {
            Path src = write("src", text);
            settle(Fs.copy(src, dst, CopyOptions.defaults().atomic(true)));
          }
          case "writeFile" -> settle(Fs.writeFile(dst, data, WriteOptions.defaults().atomic(true)));
          default -> {
            FileWriteStream out = Fs.createWriteStream(dst, WriteOptions.defaults().atomic(true));
            out.end(data);
          }
        }
      });
      return null;
    };
  }

  private static void settle(Promise<?> p) {
    p.onSettled((v, e) -> assertNull(e));
  }

  private Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode") & 07777;
  }

  @ParameterizedTest(name = "{0} over a {1} file")
  @CsvSource({"copy, 600", "copy, 755", "writeFile, 600", "writeFile, 755", "stream, 600", "stream, 755"})
  void anExistingDestinationKeepsItsModeAfterAnAtomicOverwrite(String kind, String octal) throws IOException {
    int m = Integer.parseInt(octal, 8);
    Path dst = write("dst", "old");
    Files.setAttribute(dst, "unix:mode", m);
    writer(kind).apply(dst, "new content");
    assertEquals("new content", Files.readString(dst));
    assertEquals(octal, Integer.toOctalString(mode(dst)));
  }

  @Test
  void anExistingDestinationKeepsItsOwnerAndGroup() throws IOException {
    assumeTrue(FsTestSupport.isRoot(), "only root may give a file another owner");
    Path dst = write("dst", "old");
    Files.setAttribute(dst, "unix:uid", 4321);
    Files.setAttribute(dst, "unix:gid", 4322);
    writer("copy").apply(dst, "new");
    assertEquals(List.of(4321, 4322), List.of(Files.getAttribute(dst, "unix:uid"), Files.getAttribute(dst, "unix:gid")));
  }

  @ParameterizedTest(name = "atomic {0}")
  @CsvSource({"true", "false"})
  void aNewFileCopiedGetsTheSourcesMode(boolean atomic) throws IOException {
    Path src = write("src", "x");
    Files.setAttribute(src, "unix:mode", 0750);
    Path dst = dir.resolve("dst");
    EventLoop.run(loop -> settle(Fs.copy(src, dst, CopyOptions.defaults().atomic(atomic))));
    assertEquals("750", Integer.toOctalString(mode(dst)));
  }

  @Test
  void aNewFileWrittenAtomicallyGetsTheUmaskDefault() throws IOException {
    int umaskDefault = mode(Files.createFile(dir.resolve("plain")));
    Path dst = dir.resolve("dst");
    writer("writeFile").apply(dst, "x");
    writer("stream").apply(dir.resolve("dst2"), "x");
    assertEquals(umaskDefault, mode(dst));
    assertEquals(umaskDefault, mode(dir.resolve("dst2")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"copy", "writeFile", "stream"})
  void aSymlinkDestinationStaysALinkAndItsTargetGetsTheContent(String kind) throws IOException {
    Path target = write("target", "old");
    Files.setAttribute(target, "unix:mode", 0600);
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
    writer(kind).apply(link, "through the link");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(Path.of("target"), Files.readSymbolicLink(link));
    assertEquals("through the link", Files.readString(target));
    assertEquals("600", Integer.toOctalString(mode(target)));
    assertEquals(kind.equals("copy") ? List.of("link", "src", "target") : List.of("link", "target"), listing());
  }

  @Test
  void aDanglingSymlinkDestinationCreatesItsTarget() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("missing"));
    writer("writeFile").apply(link, "created");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("created", Files.readString(dir.resolve("missing")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"copy", "writeFile"})
  void aDirectoryDestinationFailsWithEisdirAndStaysEmpty(String kind) throws IOException {
    Path d = Files.createDirectory(dir.resolve("d"));
    Path src = write("src", "x");
    Object[] error = new Object[1];
    EventLoop.run(loop -> (kind.equals("copy") ? Fs.copy(src, d, CopyOptions.defaults().atomic(true))
        : Fs.writeFile(d, FsTestSupport.ascii("x"), WriteOptions.defaults().atomic(true)))
        .onSettled((v, e) -> error[0] = e));
    assertEquals(ErrorCode.EISDIR, assertInstanceOf(SystemException.class, error[0]).code());
    try (Stream<Path> s = Files.list(d)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void aFifoDestinationIsWrittenDirectlyWithoutATemporaryFile() throws Exception {
    Path fifo = SpecialFiles.mkfifo(dir.resolve("fifo"));
    CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readString(fifo);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer("stream").apply(fifo, "into the pipe");
    assertEquals("into the pipe", read.get(10, TimeUnit.SECONDS));
    assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));
    assertEquals(List.of("fifo"), listing());
  }

  @Test
  void preserveTimestampsGivesACopyTheSourcesModificationTime() throws IOException {
    Path src = write("src", "x");
    FileTime then = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
    Files.setLastModifiedTime(src, then);
    Path atomic = dir.resolve("atomic");
    Path plain = dir.resolve("plain");
    EventLoop.run(loop -> {
      settle(Fs.copy(src, atomic, CopyOptions.defaults().atomic(true).preserveTimestamps(true)));
      settle(Fs.copy(src, plain, CopyOptions.defaults().preserveTimestamps(true)));
    });
    assertEquals(then, Files.getLastModifiedTime(atomic));
    assertEquals(then, Files.getLastModifiedTime(plain));
  }

  @ParameterizedTest(name = "atomic {0}")
  @CsvSource({"true", "false"})
  void preserveTimestampsGivesAWrittenFileTheInputsModificationTime(boolean atomic) throws IOException {
    Path input = write("input", "x");
    FileTime then = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
    Files.setLastModifiedTime(input, then);
    Path out = dir.resolve("out");
    EventLoop.run(loop -> Pipeline.run(Fs.createReadStream(input),
        Fs.createWriteStream(out, WriteOptions.defaults().atomic(atomic).preserveTimestamps(input))));
    assertEquals("x", Files.readString(out));
    assertEquals(then, Files.getLastModifiedTime(out));
  }

  private List<String> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
