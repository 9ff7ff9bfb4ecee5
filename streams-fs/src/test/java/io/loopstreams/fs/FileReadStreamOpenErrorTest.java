package io.loopstreams.fs;

import static io.loopstreams.fs.FsTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.SystemException;
import io.loopstreams.fs.FsTestSupport.Recorded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open failures of a read stream: Node's {@code test-fs-read-stream-err.js}, {@code
 * test-fs-read-stream-fd-leak.js} and {@code test-fs-stream-destroy-emit-error.js}. A missing
 * file, a directory or an unreadable file gives ERROR (SystemException with Node's code, syscall
 * {@code open} and the path) then CLOSE; no OPEN, DATA or END.
 */
class FileReadStreamOpenErrorTest {

  @TempDir
  Path dir;

  private static Recorded read(Path file) {
    Recorded[] r = {null};
    EventLoop.run(loop -> r[0] = record(Fs.createReadStream(file)));
    return r[0];
  }

  private static void assertSystemError(Recorded r, ErrorCode code, Path path, String message) {
    assertEquals(List.of("error", "close"), r.events);
    SystemException e = assertInstanceOf(SystemException.class, r.error);
    assertEquals(code, e.code());
    assertEquals("open", e.syscall());
    assertEquals(path.toString(), e.path());
    assertEquals(message, e.getMessage());
  }

  @Test
  void missingFileGivesEnoentThenClose() {
    Path missing = dir.resolve("missing.txt");
    assertSystemError(read(missing), ErrorCode.ENOENT, missing,
        "ENOENT: no such file or directory, open '" + missing + "'");
  }

  @Test
  void directoryGivesEisdirThenClose() {
    assertSystemError(read(dir), ErrorCode.EISDIR, dir,
        "EISDIR: illegal operation on a directory, open '" + dir + "'");
  }

  @Test
  void fileWithModeZeroGivesEaccesThenClose() throws IOException {
    assumeFalse(FsTestSupport.isRoot(),
        "running as root (uid 0): root reads a chmod 000 file, so this case cannot fail here;"
            + " see writeOnlyKernelAttributeGivesEaccesEvenForRoot for the real EACCES");
    Path f = Files.writeString(dir.resolve("secret"), "x");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
    assertSystemError(read(f), ErrorCode.EACCES, f, "EACCES: permission denied, open '" + f + "'");
  }

  /**
   * A real unreadable file even for root: a write-only sysfs attribute (mode 0200, e.g.
   * {@code /sys/bus/.../drivers_probe}) refuses a read open with EACCES whatever the caller's
   * capabilities, like {@code cat} reports.
   */
  @Test
  void writeOnlyKernelAttributeGivesEaccesEvenForRoot() throws IOException {
    Optional<Path> attr = writeOnlySysfsAttribute();
    assumeTrue(attr.isPresent(), "no write-only sysfs attribute on this machine");
    Path f = attr.get();
    assertSystemError(read(f), ErrorCode.EACCES, f, "EACCES: permission denied, open '" + f + "'");
  }

  private static Optional<Path> writeOnlySysfsAttribute() throws IOException {
    Path bus = Path.of("/sys/bus");
    if (!Files.isDirectory(bus)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.walk(bus, 2)) {
      return s.filter(p -> p.getFileName().toString().equals("drivers_probe")
          || p.getFileName().toString().equals("uevent"))
          .filter(Files::isRegularFile)
          .filter(p -> {
            try {
              return PosixFilePermissions.toString(Files.getPosixFilePermissions(p)).equals("-w-------");
            } catch (IOException e) {
              return false;
            }
          })
          .findFirst();
    }
  }
}
