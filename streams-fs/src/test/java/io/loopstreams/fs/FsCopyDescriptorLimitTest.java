package io.loopstreams.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 2,000 concurrent {@link Fs#copy}s under {@code ulimit -n 1024} all succeed (issue: 500
 * succeeded, 1,500 failed with EMFILE, because each copy held its two descriptors across pool
 * requests). Each copy now opens, copies and closes inside one pool request, like libuv's
 * {@code uv__fs_copyfile}, so at most two descriptors per pool thread are open.
 *
 * <p>Node 20 (the twin, same limit):
 * <pre>
 * $ bash -c 'ulimit -n 1024; node -e "let ok=0,bad=0; for (let i=0;i&lt;2000;i++)
 *     fs.copyFile(\"src\", \"copy-\"+i, e =&gt; { e ? bad++ : ok++; if (ok+bad===2000) console.log(ok, bad) })"'
 * 2000 0
 * </pre>
 */
class FsCopyDescriptorLimitTest {

  private static final int COPIES = 2000;

  @TempDir
  Path dir;

  @Test
  void twoThousandConcurrentCopiesUnderADescriptorLimitOf1024AllSucceed() throws Exception {
    Path src = Files.write(dir.resolve("src"), SpecialFiles.random(10_000, 9));
    Path out = Files.createDirectory(dir.resolve("out"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder("bash", "-c", "ulimit -n 1024 && exec \"$0\" \"$@\"",
        java, Runtime.version().feature() >= 24 ? "--sun-misc-unsafe-memory-access=allow" : "-Dunused=0", "-cp", System.getProperty("java.class.path"),
        ConcurrentCopiesChild.class.getName(),
        src.toString(), out.toString(), Integer.toString(COPIES))
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertEquals("ok=" + COPIES + " failed=0 first=null", output);
    assertEquals(0, child.exitValue());
    byte[] expected = Files.readAllBytes(src);
    try (Stream<Path> copies = Files.list(out)) {
      assertEquals(COPIES, copies.filter(p -> {
        try {
          return Arrays.equals(expected, Files.readAllBytes(p));
        } catch (IOException e) {
          return false;
        }
      }).count());
    }
  }

  /**
   * Node 20 on a sparse 3 GiB file ({@code truncate -s 3G big}):
   * <pre>
   * $ node -e 'require("fs").readFile("big", e =&gt; console.log(e.code, e.message))'
   * ERR_FS_FILE_TOO_LARGE File size (3221225472) is greater than 2 GiB
   * </pre>
   */
  @Test
  void readFileOfAFileOver2GibFailsWithErrFsFileTooLarge() throws Exception {
    Path big = dir.resolve("big");
    Process truncate = new ProcessBuilder("truncate", "-s", "3G", big.toString()).inheritIO().start();
    assertEquals(0, truncate.waitFor());
    Object[] error = new Object[1];
    io.loopstreams.core.EventLoop.run(loop -> Fs.readFile(big).onSettled((b, e) -> error[0] = e));
    FileTooLargeException e = org.junit.jupiter.api.Assertions.assertInstanceOf(FileTooLargeException.class, error[0]);
    assertEquals("ERR_FS_FILE_TOO_LARGE", e.codeName());
    assertEquals("File size (3221225472) is greater than 2 GiB", e.getMessage());
  }
}
