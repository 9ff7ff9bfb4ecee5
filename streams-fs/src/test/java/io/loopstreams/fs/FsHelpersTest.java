package io.loopstreams.fs;

import static io.loopstreams.fs.FsTestSupport.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.SystemException;
import io.loopstreams.fs.WriteOptions.Flag;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise helpers: Node's {@code test-fs-promises-readfile.js}, {@code
 * test-fs-promises-writefile.js}, {@code test-fs-stat.js}, {@code test-fs-rename-type-check.js},
 * {@code test-fs-unlink-type-check.js} and {@code test-fs-mkdir.js} (recursive), with Node's error
 * codes and messages.
 */
class FsHelpersTest {

  @TempDir
  Path dir;

  /** Runs {@code call} on a loop and returns its outcome: the value, or the rejection. */
  private static Object settle(Supplier<Promise<?>> call) {
    Object[] out = {null};
    EventLoop.run(loop -> call.get().onSettled((v, e) -> out[0] = e != null ? e : v));
    return out[0];
  }

  @Test
  void readFileReturnsTheWholeFile() throws IOException {
    Path f = Files.writeString(dir.resolve("a.txt"), "contents\n");
    ByteBuffer b = (ByteBuffer) settle(() -> Fs.readFile(f));
    assertEquals("contents\n", StandardCharsets.UTF_8.decode(b).toString());
  }

  @Test
  void readFileOfAMissingFileRejectsWithEnoent() {
    Path f = dir.resolve("nope");
    SystemException e = assertInstanceOf(SystemException.class, settle(() -> Fs.readFile(f)));
    assertEquals(ErrorCode.ENOENT, e.code());
    assertEquals("ENOENT: no such file or directory, open '" + f + "'", e.getMessage());
  }

  @Test
  void readFileOfADirectoryRejectsWithEisdir() {
    assertEquals(ErrorCode.EISDIR, assertInstanceOf(SystemException.class, settle(() -> Fs.readFile(dir))).code());
  }

  @Test
  void writeFileCreatesTruncatesAndAppends() throws IOException {
    Path f = dir.resolve("w.txt");
    settle(() -> Fs.writeFile(f, ascii("first version")));
    settle(() -> Fs.writeFile(f, ascii("second")));
    assertEquals("second", Files.readString(f));
    settle(() -> Fs.writeFile(f, ascii("+more"), WriteOptions.defaults().flags(Flag.APPEND)));
    assertEquals("second+more", Files.readString(f));
  }

  @Test
  void atomicWriteFileLeavesOnlyTheDestination() throws IOException {
    Path f = Files.writeString(dir.resolve("cfg"), "old");
    settle(() -> Fs.writeFile(f, ascii("new"), WriteOptions.defaults().atomic(true)));
    assertEquals("new", Files.readString(f));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void writeFileCreateNewOnAnExistingFileRejectsWithEexist() throws IOException {
    Path f = Files.writeString(dir.resolve("x"), "x");
    Object r = settle(() -> Fs.writeFile(f, ascii("y"), WriteOptions.defaults().flags(Flag.CREATE_NEW)));
    assertEquals(ErrorCode.EEXIST, assertInstanceOf(SystemException.class, r).code());
  }

  @Test
  void statReportsSizeTypeAndMode() throws IOException {
    Path f = Files.writeString(dir.resolve("s.txt"), "12345");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    FileStat st = (FileStat) settle(() -> Fs.stat(f));
    assertEquals(5, st.size());
    assertTrue(st.isFile());
    assertFalse(st.isDirectory());
    assertEquals(0640, st.mode());
    assertEquals(Files.getLastModifiedTime(f).toInstant(), st.modified());
    assertTrue(((FileStat) settle(() -> Fs.stat(dir))).isDirectory());
  }

  @Test
  void statOfAMissingFileRejectsWithEnoentAndSyscallStat() {
    Path f = dir.resolve("missing");
    SystemException e = assertInstanceOf(SystemException.class, settle(() -> Fs.stat(f)));
    assertEquals("ENOENT: no such file or directory, stat '" + f + "'", e.getMessage());
  }

  @Test
  void renameMovesAndReplaces() throws IOException {
    Path a = Files.writeString(dir.resolve("a"), "A");
    Path b = Files.writeString(dir.resolve("b"), "B");
    assertEquals(null, settle(() -> Fs.rename(a, b)));
    assertFalse(Files.exists(a));
    assertEquals("A", Files.readString(b));
    SystemException e = assertInstanceOf(SystemException.class, settle(() -> Fs.rename(a, b)));
    assertEquals(ErrorCode.ENOENT, e.code());
    assertEquals("rename", e.syscall());
  }

  @Test
  void unlinkRemovesAFileAndRefusesADirectory() throws IOException {
    Path f = Files.writeString(dir.resolve("u"), "u");
    settle(() -> Fs.unlink(f));
    assertFalse(Files.exists(f));
    assertEquals(ErrorCode.ENOENT, assertInstanceOf(SystemException.class, settle(() -> Fs.unlink(f))).code());
    SystemException e = assertInstanceOf(SystemException.class, settle(() -> Fs.unlink(dir)));
    assertEquals(ErrorCode.EISDIR, e.code());
    assertEquals("unlink", e.syscall());
  }

  @Test
  void mkdirCreatesOneLevelAndRecursiveCreatesParents() {
    Path one = dir.resolve("one");
    assertEquals(null, settle(() -> Fs.mkdir(one)));
    assertTrue(Files.isDirectory(one));
    SystemException e = assertInstanceOf(SystemException.class, settle(() -> Fs.mkdir(one)));
    assertEquals("EEXIST: file already exists, mkdir '" + one + "'", e.getMessage());
    Path deep = dir.resolve("a/b/c");
    assertEquals(ErrorCode.ENOENT, assertInstanceOf(SystemException.class, settle(() -> Fs.mkdir(deep))).code());
    assertEquals(null, settle(() -> Fs.mkdir(deep, true)));
    assertEquals(null, settle(() -> Fs.mkdir(deep, true)));
    assertTrue(Files.isDirectory(deep));
  }
}
