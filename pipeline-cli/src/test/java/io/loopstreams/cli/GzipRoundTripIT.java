package io.loopstreams.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gzip → gunzip through the real jar: bytes, metadata, interop with the system gzip, stdin/stdout. */
class GzipRoundTripIT {

  @TempDir
  Path dir;

  @Test
  void gzipThenGunzipGivesTheInputBackWithItsMtimeAndMode() throws Exception {
    byte[] data = Cli.logLines(200_000);
    Path in = Files.write(dir.resolve("app.log"), data);
    Files.setPosixFilePermissions(in, PosixFilePermissions.fromString("rw-r-----"));
    FileTime mtime = FileTime.fromMillis(1_600_000_000_000L);
    Files.setLastModifiedTime(in, mtime);

    Cli.Result gz = Cli.run(dir, null, "gzip", "app.log");
    assertEquals(0, gz.code(), gz.err());
    assertEquals("", gz.err());
    assertEquals(List.of("app.log", "app.log.gz"), Cli.names(dir));
    assertEquals(mtime, Files.getLastModifiedTime(dir.resolve("app.log.gz")));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("app.log.gz"))));
    assertEquals(0, Cli.tool(dir, "gzip", "-t", "app.log.gz"), "system gzip -t rejects our output");

    Files.move(in, dir.resolve("original.log"));
    Cli.Result gunzip = Cli.run(dir, null, "gunzip", "app.log.gz");
    assertEquals(0, gunzip.code(), gunzip.err());
    assertArrayEquals(data, Files.readAllBytes(dir.resolve("app.log")));
    assertEquals(mtime, Files.getLastModifiedTime(dir.resolve("app.log")));
    assertEquals(List.of("app.log", "app.log.gz", "original.log"), Cli.names(dir));
  }

  /**
   * gzip's default level is 6: no level option gives exactly the bytes of {@code -6}; {@code -1}
   * and {@code --fast}, {@code -9} and {@code --best} are the same levels, and they differ from 6
   * in the direction gzip's do.
   */
  @Test
  void withoutALevelOptionGzipCompressesAtLevelSixAsGzipDoes() throws Exception {
    Files.write(dir.resolve("app.log"), Cli.logLines(100_000));
    byte[] plain = Cli.run(dir, null, "gzip", "-c", "app.log").out();
    byte[] six = Cli.run(dir, null, "gzip", "-6", "-c", "app.log").out();
    byte[] one = Cli.run(dir, null, "gzip", "-1", "-c", "app.log").out();
    byte[] fast = Cli.run(dir, null, "gzip", "--fast", "-c", "app.log").out();
    byte[] nine = Cli.run(dir, null, "gzip", "-9", "-c", "app.log").out();
    byte[] best = Cli.run(dir, null, "gzip", "--best", "-c", "app.log").out();
    assertArrayEquals(six, plain, "no level option must mean -6");
    assertArrayEquals(one, fast);
    assertArrayEquals(nine, best);
    assertEquals(List.of(4, 0, 2), List.of((int) one[8], (int) six[8], (int) nine[8]),
        "XFL as zlib sets it: 4 at level 1, 0 at 6, 2 at 9");
    assertTrue(one.length > six.length && six.length > nine.length,
        one.length + " / " + six.length + " / " + nine.length);
  }

  /**
   * gzip's -N: the system gzip stores the name and mtime; {@code gunzip -N} names the output and
   * dates it from them (the default, as gzip's, is the suffix rule and the input's mtime), refuses
   * to replace an existing file of the stored name, and keeps only the last element of a stored
   * path, so a header cannot write elsewhere.
   */
  @Test
  void gunzipDashCapitalNRestoresTheStoredNameAndMtime() throws Exception {
    byte[] data = Cli.logLines(5_000);
    Path orig = Files.write(dir.resolve("orig.txt"), data);
    Files.setLastModifiedTime(orig, FileTime.fromMillis(978_307_200_000L));
    assertEquals(0, Cli.tool(dir, "sh", "-c", "gzip -c orig.txt > renamed.gz && rm orig.txt"));
    Files.setLastModifiedTime(dir.resolve("renamed.gz"), FileTime.fromMillis(1_600_000_000_000L));

    Cli.Result r = Cli.run(dir, null, "gunzip", "-N", "renamed.gz");
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("orig.txt", "renamed.gz"), Cli.names(dir));
    assertArrayEquals(data, Files.readAllBytes(dir.resolve("orig.txt")));
    assertEquals(FileTime.fromMillis(978_307_200_000L), Files.getLastModifiedTime(dir.resolve("orig.txt")));

    Cli.Result again = Cli.run(dir, null, "gunzip", "-N", "renamed.gz");
    assertEquals(1, again.code());
    assertEquals("pipeline: gunzip: orig.txt: already exists; not overwritten (use -f to overwrite)\n", again.err());

    assertEquals(0, Cli.run(dir, null, "gunzip", "renamed.gz").code());
    assertEquals(FileTime.fromMillis(1_600_000_000_000L), Files.getLastModifiedTime(dir.resolve("renamed")));

    Files.write(dir.resolve("evil.gz"), gzipNamed("../escape.txt", data));
    Cli.Result evil = Cli.run(dir, null, "gunzip", "-N", "evil.gz");
    assertEquals(0, evil.code(), evil.err());
    assertArrayEquals(data, Files.readAllBytes(dir.resolve("escape.txt")));
    assertEquals(false, Files.exists(dir.resolve("../escape.txt")));
  }

  /** One gzip member whose header stores {@code name} (which gzip itself never writes with a path). */
  private static byte[] gzipNamed(String name, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 8, 0, 0, 0, 0, 0, 3});
    out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
    out.write(0);
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(data);
    d.finish();
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    CRC32 crc = new CRC32();
    crc.update(data);
    ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    trailer.putInt((int) crc.getValue()).putInt(data.length);
    out.writeBytes(trailer.array());
    return out.toByteArray();
  }

  @Test
  void gzipDashDIsGunzipAndRmRemovesTheSourceOnlyAfterSuccess() throws Exception {
    byte[] data = Cli.logLines(10_000);
    Files.write(dir.resolve("a.txt"), data);
    assertEquals(0, Cli.run(dir, null, "gzip", "--rm", "-9", "a.txt").code());
    assertEquals(List.of("a.txt.gz"), Cli.names(dir));
    assertEquals(0, Cli.run(dir, null, "gzip", "-d", "a.txt.gz").code());
    assertArrayEquals(data, Files.readAllBytes(dir.resolve("a.txt")));
  }

  @Test
  void anExistingOutputWithoutForceFailsAndStaysUnchanged() throws Exception {
    Files.write(dir.resolve("a.txt"), Cli.logLines(1000));
    Files.writeString(dir.resolve("a.txt.gz"), "keep me");
    Cli.Result r = Cli.run(dir, null, "gzip", "a.txt");
    assertEquals(1, r.code());
    assertEquals("pipeline: gzip: a.txt.gz: already exists; not overwritten (use -f to overwrite)\n", r.err());
    assertEquals("keep me", Files.readString(dir.resolve("a.txt.gz")));
    assertEquals(List.of("a.txt", "a.txt.gz"), Cli.names(dir));

    assertEquals(0, Cli.run(dir, null, "gzip", "-f", "a.txt").code());
    assertEquals(0, Cli.tool(dir, "gzip", "-t", "a.txt.gz"));
  }

  @Test
  void stdinToStdoutStreamsBothWays() throws Exception {
    byte[] data = Cli.logLines(50_000);
    Path in = Files.write(dir.resolve("in.txt"), data);
    Cli.Result gz = Cli.run(dir, in, "gzip");
    assertEquals(0, gz.code(), gz.err());
    Path packed = Files.write(dir.resolve("packed.gz"), gz.out());
    assertEquals(0, Cli.tool(dir, "gzip", "-t", "packed.gz"));
    Cli.Result back = Cli.run(dir, packed, "gunzip", "-c");
    assertEquals(0, back.code(), back.err());
    assertArrayEquals(data, back.out());
  }

  @Test
  void zstdAndBrotliRoundTripAndAreRecognisedByContent() throws Exception {
    byte[] data = Cli.logLines(20_000);
    Files.write(dir.resolve("z.txt"), data);
    assertEquals(0, Cli.run(dir, null, "gzip", "--zstd", "z.txt").code());
    assertEquals(0, Cli.tool(dir, "zstd", "-t", "z.txt.zst"));
    Files.move(dir.resolve("z.txt.zst"), dir.resolve("z.bin"));
    Cli.Result cat = Cli.run(dir, null, "cat", "z.bin");
    assertEquals(0, cat.code(), cat.err());
    assertArrayEquals(data, cat.out());
    assertEquals(0, Cli.run(dir, null, "brotli", "z.txt").code());
    assertEquals(0, Cli.tool(dir, "brotli", "-t", "z.txt.br"));
  }
}
