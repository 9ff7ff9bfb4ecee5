package io.loopstreams.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input in a file pipeline: the pipeline settles once with the zlib error, every stage is
 * destroyed, the atomic destination leaves neither output nor temp file, the source is untouched
 * and an existing destination keeps its content.
 */
class BadInputPipelineTest {
  private static final byte[] DATA = ZlibTestSupport.logData(600_000, 8);

  @TempDir
  Path dir;

  private List<Object> gunzipInto(Path src, Path dst) {
    List<Object> seen = new ArrayList<>();
    EventLoop.run(loop -> {
      List<Stream> stages = List.of(Fs.createReadStream(src), Zlib.gunzip(),
          Fs.createWriteStream(dst, WriteOptions.defaults().atomic(true)));
      Pipeline.run(stages, err -> {
        seen.add(err);
        loop.setImmediate(() -> stages.forEach(s -> seen.add(s.destroyed())));
      });
    });
    return seen;
  }

  private List<String> dirListing() throws IOException {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void eachKindOfBadInputFailsOnceDestroysEveryStageAndLeavesNoFile() throws IOException {
    byte[] gz = ZlibTestSupport.run(Zlib::gzip, DATA, 65536);
    byte[] flipped = gz.clone();
    flipped[10] = 0x07;
    byte[] badCrc = gz.clone();
    badCrc[gz.length - 8] ^= 1;
    byte[][] bad = {Arrays.copyOf(gz, gz.length / 2), flipped, badCrc, "not gzip at all".getBytes()};
    ErrorCode[] codes = {ErrorCode.Z_BUF_ERROR, ErrorCode.Z_DATA_ERROR, ErrorCode.Z_DATA_ERROR, ErrorCode.Z_DATA_ERROR};
    for (int i = 0; i < bad.length; i++) {
      Path src = Files.write(dir.resolve("in" + i + ".gz"), bad[i]);
      Path dst = dir.resolve("out" + i);
      List<Object> seen = gunzipInto(src, dst);
      assertEquals(4, seen.size(), "settled once, then three stages checked: " + seen);
      assertTrue(seen.get(0) instanceof ZlibException e && e.code() == codes[i], String.valueOf(seen.get(0)));
      assertEquals(List.of(true, true, true), seen.subList(1, 4));
      assertFalse(Files.exists(dst));
      assertArrayEquals(bad[i], Files.readAllBytes(src));
    }
    Builder<String> expected = java.util.stream.Stream.builder();
    for (int i = 0; i < bad.length; i++) {
      expected.add("in" + i + ".gz");
    }
    assertEquals(expected.build().sorted().toList(), dirListing(), "no temp file left");
  }

  @Test
  void anExistingDestinationKeepsItsContentWhenTheInputIsBad() throws IOException {
    Path src = Files.write(dir.resolve("bad.gz"), "junk".getBytes());
    Path dst = Files.write(dir.resolve("existing"), "keep me".getBytes());
    List<Object> seen = gunzipInto(src, dst);
    assertTrue(seen.get(0) instanceof ZlibException);
    assertEquals("keep me", Files.readString(dst));
    assertEquals(List.of("bad.gz", "existing"), dirListing());
  }
}
