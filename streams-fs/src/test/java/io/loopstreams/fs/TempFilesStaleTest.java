package io.loopstreams.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A temporary file that a killed process left (SIGKILL runs no hook) is removed by the next
 * atomic write or copy to the same destination when the pid in its name is dead; one whose
 * process lives, or that is not of our naming pattern, is left alone.
 */
class TempFilesStaleTest {

  @TempDir
  Path dir;

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void atomicWriteRemovesStaleTemporaryFilesOfDeadProcessesOnly() throws Exception {
    Path dst = Files.writeString(dir.resolve("dst.txt"), "old");
    long dead = deadPid();
    long alive = ProcessHandle.current().parent().orElseThrow().pid();
    Files.writeString(dir.resolve(".dst.txt." + dead + ".00000000deadbeef.tmp"), "left by a kill -9");
    Files.writeString(dir.resolve(".dst.txt." + alive + ".00000000cafebabe.tmp"), "a live writer's");
    Files.writeString(dir.resolve(".dst.txt.notours.tmp"), "someone else's");
    Files.writeString(dir.resolve(".other.txt." + dead + ".00000000deadbeef.tmp"), "another destination's");
    EventLoop.run(loop -> Fs.writeFile(dst, FsTestSupport.ascii("new"), WriteOptions.defaults().atomic(true)));
    assertEquals("new", Files.readString(dst));
    assertEquals(List.of(".dst.txt." + alive + ".00000000cafebabe.tmp", ".dst.txt.notours.tmp",
        ".other.txt." + dead + ".00000000deadbeef.tmp", "dst.txt"), listing());
  }

  @Test
  void atomicCopyRemovesAStaleTemporaryFileOfItsDestination() throws Exception {
    Path src = Files.writeString(dir.resolve("src.txt"), "copied");
    Path dst = dir.resolve("dst.txt");
    Files.writeString(dir.resolve(".dst.txt." + deadPid() + ".0123456789abcdef.tmp"), "stale");
    EventLoop.run(loop -> Fs.copy(src, dst, CopyOptions.defaults().atomic(true)));
    assertEquals("copied", Files.readString(dst));
    assertEquals(List.of("dst.txt", "src.txt"), listing());
  }

  private List<String> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
