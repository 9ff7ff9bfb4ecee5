package io.loopstreams.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.SystemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Fs#copy}: Node's {@code test-fs-copyfile.js} (copy, COPYFILE_EXCL → EEXIST, missing
 * source → ENOENT, a file onto itself) plus progress reported on the loop and atomic copies.
 */
class FsCopyTest {

  @TempDir
  Path dir;

  private Path randomFile(String name, int size) throws IOException {
    byte[] data = new byte[size];
    new Random(42).nextBytes(data);
    return Files.write(dir.resolve(name), data);
  }

  private static Object[] copy(Path src, Path dst, CopyOptions options) {
    Object[] out = new Object[2];
    EventLoop.run(loop -> Fs.copy(src, dst, options).onSettled((n, e) -> {
      out[0] = n;
      out[1] = e;
    }));
    return out;
  }

  @Test
  void copiesTheBytesAndResolvesWithTheCount() throws IOException {
    Path src = randomFile("src.bin", 3_000_001);
    Path dst = dir.resolve("dst.bin");
    Object[] r = copy(src, dst, CopyOptions.defaults());
    assertEquals(3_000_001L, r[0]);
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
  }

  @Test
  void progressIsReportedOnTheLoopUpToTheTotal() throws IOException {
    int size = (int) (DirectCopy.STEP * 2 + 5);
    Path src = randomFile("src.bin", size);
    Path dst = dir.resolve("dst.bin");
    List<String> progress = new ArrayList<>();
    EventLoop.run(loop -> Fs.copy(src, dst, CopyOptions.defaults().progress((done, total) -> {
      assertTrue(loop.inLoop());
      progress.add(done + "/" + total);
    })));
    long step = DirectCopy.STEP;
    assertEquals(List.of(step + "/" + size, 2 * step + "/" + size, size + "/" + size), progress);
    assertEquals(size, Files.size(dst));
  }

  @Test
  void emptyFileCopiesToAnEmptyFile() throws IOException {
    Path src = Files.createFile(dir.resolve("empty"));
    Path dst = dir.resolve("copy");
    assertEquals(0L, copy(src, dst, CopyOptions.defaults())[0]);
    assertEquals(0, Files.size(dst));
  }

  @Test
  void overwriteFalseOnAnExistingDestinationFailsWithEexist() throws IOException {
    Path src = randomFile("src.bin", 10);
    Path dst = Files.writeString(dir.resolve("dst.bin"), "keep");
    Object[] r = copy(src, dst, CopyOptions.defaults().overwrite(false));
    SystemException e = assertInstanceOf(SystemException.class, r[1]);
    assertEquals(ErrorCode.EEXIST, e.code());
    assertEquals("EEXIST: file already exists, copyfile '" + dst + "'", e.getMessage());
    assertEquals("keep", Files.readString(dst));
  }

  @Test
  void missingSourceFailsWithEnoent() {
    Path src = dir.resolve("missing");
    Object[] r = copy(src, dir.resolve("dst"), CopyOptions.defaults());
    SystemException e = assertInstanceOf(SystemException.class, r[1]);
    assertEquals(ErrorCode.ENOENT, e.code());
    assertEquals("ENOENT: no such file or directory, open '" + src + "'", e.getMessage());
    assertTrue(Files.notExists(dir.resolve("dst")));
  }

  @Test
  void atomicCopyReplacesTheDestinationAndLeavesNoTemporaryFile() throws IOException {
    Path src = randomFile("src.bin", 100_000);
    Path dst = Files.writeString(dir.resolve("dst.bin"), "old");
    assertEquals(100_000L, copy(src, dst, CopyOptions.defaults().atomic(true))[0]);
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
    try (var s = Files.list(dir)) {
      assertEquals(List.of("dst.bin", "src.bin"),
          s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
    }
  }

  @Test
  void copyingAFileOntoItselfLeavesItIntact() throws IOException {
    Path src = randomFile("self.bin", 1000);
    byte[] before = Files.readAllBytes(src);
    Object[] r = copy(src, src, CopyOptions.defaults());
    assertEquals(null, r[1]);
    assertArrayEquals(before, Files.readAllBytes(src));
  }

  @Test
  void directoryAsSourceFailsWithEisdir() {
    Object[] r = copy(dir, dir.resolve("x"), CopyOptions.defaults());
    assertEquals(ErrorCode.EISDIR, assertInstanceOf(SystemException.class, r[1]).code());
  }
}
