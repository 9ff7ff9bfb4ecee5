package io.loopstreams.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.stream.Stream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 1 MiB tmpfs is mounted for each test (root only: {@code mount -t tmpfs
 * -o size=1m}); writing 2 MiB atomically over an existing destination fails with ENOSPC, the
 * temporary file is removed and the old destination is unchanged. The write-side counterpart of
 * Node's {@code test-fs-write-stream-err.js}, with the error coming from the kernel.
 */
class FileWriteStreamFullDiskTest {

  private static final String OLD = "old content that must survive\n";

  @TempDir
  Path tmp;
  Path mount;
  boolean mounted;

  @BeforeEach
  void mountSmallTmpfs() throws IOException, InterruptedException {
    assumeTrue(FsTestSupport.isRoot(), "mounting a tmpfs needs root; not running as uid 0");
    mount = Files.createDirectory(tmp.resolve("small"));
    Process p;
    try {
      p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "no mount command: " + e.getMessage());
      return;
    }
    String out = new String(p.getInputStream().readAllBytes());
    int rc = p.waitFor();
    assumeTrue(rc == 0, "mount -t tmpfs failed (rc " + rc + "): " + out.trim());
    mounted = true;
  }

  @AfterEach
  void unmount() throws IOException, InterruptedException {
    if (mounted) {
      Process p = new ProcessBuilder("umount", mount.toString()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      assertEquals(0, p.waitFor(), "umount " + mount);
    }
  }

  private List<String> listing() throws IOException {
    try (var s = Files.list(mount)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void atomicWriteOfTwoMibIntoOneMibFailsWithEnospcAndLeavesTheOldFile() throws IOException {
    Path dest = Files.writeString(mount.resolve("data.bin"), OLD);
    List<String> events = new ArrayList<>();
    Throwable[] error = {null};
    EventLoop.run(loop -> {
      FileWriteStream out = Fs.createWriteStream(dest, WriteOptions.defaults().atomic(true));
      out.on(Stream.ERROR, e -> {
        error[0] = e;
        events.add("error");
      });
      out.on(Stream.FINISH, () -> events.add("finish"));
      out.on(Stream.CLOSE, () -> events.add("close"));
      byte[] block = new byte[64 * 1024];
      for (int i = 0; i < 32; i++) {
        out.write(ByteBuffer.wrap(block));
      }
      out.end();
    });
    assertEquals(List.of("error", "close"), events);
    SystemException e = assertInstanceOf(SystemException.class, error[0]);
    assertEquals(ErrorCode.ENOSPC, e.code());
    assertEquals("write", e.syscall());
    assertEquals("ENOSPC: no space left on device, write '" + dest + "'", e.getMessage());
    assertEquals(List.of("data.bin"), listing());
    assertEquals(OLD, Files.readString(dest));
  }

  @Test
  void atomicCopyOfTwoMibIntoOneMibFailsWithEnospcAndLeavesTheOldFile() throws IOException {
    Path src = Files.write(tmp.resolve("two-mib.bin"), new byte[2 << 20]);
    Path dest = Files.writeString(mount.resolve("data.bin"), OLD);
    Throwable[] error = {null};
    EventLoop.run(loop -> Fs.copy(src, dest, CopyOptions.defaults().atomic(true))
        .onSettled((n, e) -> error[0] = e));
    assertEquals(ErrorCode.ENOSPC, assertInstanceOf(SystemException.class, error[0]).code());
    assertEquals(List.of("data.bin"), listing());
    assertEquals(OLD, Files.readString(dest));
  }

  @Test
  void atomicPipelineOfTwoMibIntoOneMibFailsWithEnospcAndLeavesTheOldFile() throws IOException {
    Path src = Files.write(tmp.resolve("two-mib.bin"), new byte[2 << 20]);
    Path dest = Files.writeString(mount.resolve("data.bin"), OLD);
    Throwable[] error = {null};
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(src);
      FileWriteStream out = Fs.createWriteStream(dest, WriteOptions.defaults().atomic(true));
      in.on(Stream.CLOSE, () -> events.add("in:close"));
      out.on(Stream.CLOSE, () -> events.add("out:close"));
      io.loopstreams.core.stream.Pipeline.run(List.of(in, out), e -> error[0] = e);
    });
    assertEquals(ErrorCode.ENOSPC, assertInstanceOf(SystemException.class, error[0]).code());
    assertEquals(List.of("in:close", "out:close"), events.stream().sorted().collect(Collectors.toList()));
    assertEquals(List.of("data.bin"), listing());
    assertEquals(OLD, Files.readString(dest));
  }
}
