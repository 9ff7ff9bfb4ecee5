package io.loopstreams.zlib;

import static io.loopstreams.zlib.ZlibTestSupport.assertBytes;
import static io.loopstreams.zlib.ZlibTestSupport.run;
import static io.loopstreams.zlib.ZlibTestSupport.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ways with the real tools (installed by the build's {@code .ci/tools.sh}): what we write
 * passes {@code gzip -t} and {@code pigz -t} and decompresses to the same bytes; what gzip, pigz,
 * Node and Python write, we decompress. Brotli and zstd against their command-line tools and
 * Node's brotli.
 */
class ToolInteropTest {
  private static final byte[] DATA = ZlibTestSupport.logData(1024 * 1024 + 333, 4);

  @TempDir
  Path dir;

  @Test
  void ourGzipAtEveryLevelAndParallelismPassesGzipAndPigzAndDecompressesIdentically() {
    List<String> checked = new ArrayList<>();
    for (int level : new int[] {1, 6, 9}) {
      for (int p : new int[] {0, 1, 2, 8}) {
        ZlibOptions o = ZlibOptions.defaults().level(level).parallelism(p).blockSize(64 * 1024);
        byte[] gz = run(() -> Zlib.gzip(o), DATA, 65536);
        tool(gz, "gzip", "-t");
        tool(gz, "pigz", "-t");
        assertBytes(DATA, tool(gz, "gzip", "-d", "-c"));
        checked.add(level + "/" + p);
      }
    }
    assertEquals(12, checked.size());
  }

  @Test
  void weDecompressGzipAndPigzOutputIncludingIndependentBlocks() {
    assertBytes(DATA, run(Zlib::gunzip, tool(DATA, "gzip", "-6", "-c"), 10_000));
    assertBytes(DATA, run(Zlib::gunzip, tool(DATA, "pigz", "-p", "2", "-b", "32", "-c"), 65536));
    assertBytes(DATA, run(Zlib::gunzip, tool(DATA, "pigz", "-i", "-p", "2", "-b", "32", "-c"), 65536));
  }

  @Test
  void gzipNStoresTheNameAndTimeAndGunzipReportsThem() throws Exception {
    Path f = Files.write(dir.resolve("access.log"), DATA);
    Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L));
    byte[] gz = tool(new byte[0], "gzip", "-N", "-c", f.toString());
    List<GzipHeader> headers = new ArrayList<>();
    assertBytes(DATA, run(() -> {
      ZlibTransform t = Zlib.gunzip();
      t.on(ZlibTransform.HEADER, headers::add);
      return t;
    }, gz, 4096));
    assertEquals(1, headers.size());
    assertEquals("access.log", headers.get(0).name());
    assertEquals(1_600_000_000L, headers.get(0).mtime());
    assertEquals(3, headers.get(0).os());
  }

  @Test
  void weDecompressNodesGzipSyncAndNodeDecompressesOurs() throws Exception {
    Path in = Files.write(dir.resolve("in"), DATA);
    byte[] nodeGz = tool(new byte[0], "node", "-e",
        "process.stdout.write(require('zlib').gzipSync(require('fs').readFileSync(process.argv[1])))", in.toString());
    assertBytes(DATA, run(Zlib::gunzip, nodeGz, 65536));
    Path ours = Files.write(dir.resolve("ours.gz"), run(() -> Zlib.gzip(ZlibOptions.defaults().parallelism(2)), DATA, 65536));
    assertBytes(DATA, tool(new byte[0], "node", "-e",
        "process.stdout.write(require('zlib').gunzipSync(require('fs').readFileSync(process.argv[1])))", ours.toString()));
  }

  @Test
  void weDecompressAPythonMadeMemberWithExtraNameCommentAndHeaderCrc() {
    String py = String.join("\n",
        "import sys, zlib, struct",
        "data = sys.stdin.buffer.read()",
        "extra = b'AB' + struct.pack('<H', 4) + b'\\x01\\x02\\x03\\x04'",
        "h = b'\\x1f\\x8b\\x08' + bytes([4 | 8 | 16 | 2]) + struct.pack('<I', 1234567890) + b'\\x00\\x03'",
        "h += struct.pack('<H', len(extra)) + extra + b'file.txt\\x00' + b'a comment\\x00'",
        "h += struct.pack('<H', zlib.crc32(h) & 0xffff)",
        "c = zlib.compressobj(6, zlib.DEFLATED, -15)",
        "body = c.compress(data) + c.flush()",
        "sys.stdout.buffer.write(h + body + struct.pack('<II', zlib.crc32(data), len(data) & 0xffffffff))");
    byte[] gz = tool(DATA, "python3", "-c", py);
    tool(gz, "gzip", "-t"); // the crafted member is valid for gzip too
    List<GzipHeader> headers = new ArrayList<>();
    assertBytes(DATA, run(() -> {
      ZlibTransform t = Zlib.gunzip();
      t.on(ZlibTransform.HEADER, headers::add);
      return t;
    }, gz, 7));
    GzipHeader h = headers.get(0);
    assertEquals("file.txt", h.name());
    assertEquals("a comment", h.comment());
    assertEquals(1234567890L, h.mtime());
    assertEquals("AB", new String(h.extra(), 0, 2));
    assertEquals(8, h.extra().length);
  }

  @Test
  void concatenatedMembersAndAnEmptyFileDecodeLikeGzipD() {
    byte[] a = tool(DATA, "gzip", "-c");
    byte[] b = run(Zlib::gzip, "second member\n".getBytes(), 100);
    byte[] both = GunzipErrorsTest.concat(a, b);
    List<GzipHeader> headers = new ArrayList<>();
    byte[] out = run(() -> {
      ZlibTransform t = Zlib.gunzip();
      t.on(ZlibTransform.HEADER, headers::add);
      return t;
    }, both, 3000);
    assertBytes(tool(both, "gzip", "-d", "-c"), out);
    assertEquals(2, headers.size());
    assertEquals(0, run(Zlib::gunzip, tool(new byte[0], "gzip", "-c"), 1).length);
  }

  @Test
  void brotliRoundTripsWithTheBrotliToolAndNode() throws Exception {
    BrotliOptions q5 = BrotliOptions.defaults().quality(5);
    byte[] ours = run(() -> Zlib.brotliCompress(q5), DATA, 65536);
    assertBytes(DATA, tool(ours, "brotli", "-d", "-c"));
    assertBytes(DATA, run(Zlib::brotliDecompress, tool(DATA, "brotli", "-5", "-c"), 10_000));
    Path in = Files.write(dir.resolve("in"), DATA);
    byte[] nodeBr = tool(new byte[0], "node", "-e",
        "process.stdout.write(require('zlib').brotliCompressSync(require('fs').readFileSync(process.argv[1])))",
        in.toString());
    assertBytes(DATA, run(Zlib::brotliDecompress, nodeBr, 65536));
    Path br = Files.write(dir.resolve("ours.br"), ours);
    assertBytes(DATA, tool(new byte[0], "node", "-e",
        "process.stdout.write(require('zlib').brotliDecompressSync(require('fs').readFileSync(process.argv[1])))",
        br.toString()));
  }

  @Test
  void zstdRoundTripsWithTheZstdToolIncludingChecksumsAndConcatenatedFrames() {
    byte[] ours = run(() -> Zlib.zstdCompress(ZstdOptions.defaults().checksum(true)), DATA, 65536);
    assertBytes(DATA, tool(ours, "zstd", "-d", "-c"));
    byte[] theirs = tool(DATA, "zstd", "-3", "-c");
    assertBytes(DATA, run(Zlib::zstdDecompress, theirs, 10_000));
    byte[] two = GunzipErrorsTest.concat(theirs, ours);
    assertBytes(GunzipErrorsTest.concat(DATA, DATA), run(Zlib::zstdDecompress, two, 4096));
  }
}
