package io.loopstreams.fs;

import static io.loopstreams.fs.FsTestSupport.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.fs.WriteOptions.Flag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic writes (temporary file, fsync, rename on finish), a loopstreams addition in the spirit
 * of Node's {@code test-fs-write-stream-*.js}: the destination is untouched until FINISH, the
 * temporary file is deleted on error or destroy, and FINISH comes only after the rename.
 */
class FileWriteStreamAtomicTest {

  @TempDir
  Path dir;

  private List<String> listing() throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void destinationChangesOnlyAtFinish() throws IOException {
    Path f = Files.writeString(dir.resolve("conf.txt"), "old");
    List<String> seen = new ArrayList<>();
    EventLoop.run(loop -> {
      FileWriteStream out = Fs.createWriteStream(f, WriteOptions.defaults().atomic(true));
      out.on(FileWriteStream.READY, () -> {
        Path tmp = out.tempPath();
        assertNotNull(tmp);
        assertEquals(f.getParent(), tmp.getParent());
        assertTrue(tmp.getFileName().toString().matches("\\.conf\\.txt\\." + ProcessHandle.current().pid() + "\\.[0-9a-f]{16}\\.tmp"), tmp.toString());
        out.write(ascii("new content"), e -> seen.add("written, destination: " + read(f)));
        out.end();
      });
      out.on(Stream.FINISH, () -> seen.add("finish, destination: " + read(f)));
    });
    assertEquals(List.of("written, destination: old", "finish, destination: new content"), seen);
    assertEquals(List.of("conf.txt"), listing());
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void destroyMidWriteDeletesTheTemporaryFileAndKeepsTheDestination() throws IOException {
    Path f = Files.writeString(dir.resolve("keep.txt"), "precious");
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      FileWriteStream out = Fs.createWriteStream(f, WriteOptions.defaults().atomic(true));
      out.on(Stream.CLOSE, () -> events.add("close"));
      out.on(Stream.FINISH, () -> events.add("finish"));
      out.on(Stream.ERROR, e -> events.add("error:" + e.getMessage()));
      out.on(FileWriteStream.READY, () -> out.write(ascii("half"), e -> out.destroy(new IllegalStateException("abort"))));
    });
    assertEquals(List.of("error:abort", "close"), events);
    assertEquals("precious", Files.readString(f));
    assertEquals(List.of("keep.txt"), listing());
  }

  @Test
  void newDestinationAppearsOnlyAfterFinish() throws IOException {
    Path f = dir.resolve("fresh.bin");
    EventLoop.run(loop -> {
      FileWriteStream out = Fs.createWriteStream(f, WriteOptions.defaults().atomic(true).fsync(true));
      out.write(ascii("abc"), e -> assertTrue(Files.notExists(f)));
      out.end(ascii("def"));
    });
    assertEquals("abcdef", Files.readString(f));
    assertEquals(List.of("fresh.bin"), listing());
  }

  @Test
  void atomicAppendStartsFromTheOldContent() throws IOException {
    Path f = Files.writeString(dir.resolve("log.txt"), "one\n");
    EventLoop.run(loop -> Fs.createWriteStream(f, WriteOptions.defaults().atomic(true).flags(Flag.APPEND))
        .end(ascii("two\n")));
    assertEquals("one\ntwo\n", Files.readString(f));
    assertEquals(List.of("log.txt"), listing());
  }

  @Test
  void atomicCreateNewOnAnExistingFileFailsWithEexistAndLeavesNoTemp() throws IOException {
    Path f = Files.writeString(dir.resolve("x.txt"), "x");
    Throwable[] error = {null};
    EventLoop.run(loop -> Fs.createWriteStream(f, WriteOptions.defaults().atomic(true).flags(Flag.CREATE_NEW))
        .on(Stream.ERROR, e -> error[0] = e));
    assertEquals(ErrorCode.EEXIST, assertInstanceOf(SystemException.class, error[0]).code());
    assertEquals(List.of("x.txt"), listing());
  }

  @Test
  void fsyncOptionStillWritesEverything() throws IOException {
    Path f = dir.resolve("synced.txt");
    EventLoop.run(loop -> Fs.createWriteStream(f, WriteOptions.defaults().fsync(true)).end(ascii("durable")));
    assertEquals("durable", Files.readString(f));
  }

  @Test
  void atomicWriteIntoAMissingDirectoryFailsWithEnoentNamingTheDestination() {
    Path f = dir.resolve("no/such/dir/out.txt");
    Throwable[] error = {null};
    EventLoop.run(loop -> Fs.createWriteStream(f, WriteOptions.defaults().atomic(true))
        .on(Stream.ERROR, e -> error[0] = e));
    SystemException e = assertInstanceOf(SystemException.class, error[0]);
    assertEquals("ENOENT: no such file or directory, open '" + f + "'", e.getMessage());
  }
}
