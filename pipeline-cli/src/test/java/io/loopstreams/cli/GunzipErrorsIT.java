package io.loopstreams.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs exit 1 with one line and leave no output and no temp file; multi-member inputs decode. */
class GunzipErrorsIT {

  @TempDir
  Path dir;

  private static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  private void assertFailsCleanly(String file, byte[] content, String message) throws Exception {
    Files.write(dir.resolve(file), content);
    Cli.Result r = Cli.run(dir, null, "gunzip", file);
    assertEquals(1, r.code());
    assertEquals("pipeline: gunzip: " + file + ": " + message + "\n", r.err());
    assertEquals(List.of(file), Cli.names(dir), "an output or temp file was left");
  }

  @Test
  void truncatedInputIsUnexpectedEndOfFile() throws Exception {
    byte[] gz = gzip(Cli.logLines(100_000));
    assertFailsCleanly("data.gz", Arrays.copyOf(gz, gz.length / 2), "unexpected end of file");
  }

  @Test
  void corruptInputIsReportedAndWritesNothing() throws Exception {
    byte[] gz = gzip(Cli.logLines(100_000));
    gz[gz.length - 6] ^= 0x55; // inside the CRC32 trailer
    assertFailsCleanly("crc.gz", gz, "incorrect data check");
  }

  @Test
  void notGzipIsRefused() throws Exception {
    assertFailsCleanly("plain.gz", "just some text\n".getBytes(), "not in gzip format");
  }

  @Test
  void emptyInputIsUnexpectedEndOfFile() throws Exception {
    assertFailsCleanly("empty.gz", new byte[0], "unexpected end of file");
  }

  @Test
  void multiMemberFilesFromGzipAndPigzDecodeWhole() throws Exception {
    byte[] a = Cli.logLines(30_000);
    byte[] b = Cli.logLines(70_000);
    Files.write(dir.resolve("a"), a);
    Files.write(dir.resolve("b"), b);
    byte[] ab = new byte[a.length + b.length];
    System.arraycopy(a, 0, ab, 0, a.length);
    System.arraycopy(b, 0, ab, a.length, b.length);
    assertEquals(0, Cli.tool(dir, "sh", "-c", "gzip -c a > m.gz && gzip -c b >> m.gz"));
    assertEquals(0, Cli.tool(dir, "sh", "-c", "pigz -p 2 -c a > p.gz && pigz -p 2 -c b >> p.gz"));
    for (String f : List.of("m.gz", "p.gz")) {
      Cli.Result r = Cli.run(dir, null, "gunzip", "-c", f);
      assertEquals(0, r.code(), r.err());
      assertArrayEquals(ab, r.out(), f);
    }
  }
}
