package io.loopstreams.fs;

import static io.loopstreams.fs.FsTestSupport.fdsUnder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Stream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No descriptor leaks on failure: Node's {@code test-fs-read-stream-fd-leak.js} at scale. The
 * entries of {@code /proc/self/fd} that point into the test's directory (the source, the
 * destination, temp files) are counted after a warm-up, then after 1,000 failing pipelines of
 * each kind, and must be equal. (The JVM's own descriptors, jars and sockets of the build, come
 * and go and are not counted.)
 */
class FsDescriptorLeakTest {

  private static final int RUNS = 1000;

  @TempDir
  Path dir;
  Path source;

  @BeforeEach
  void files() throws IOException {
    source = Files.write(dir.resolve("src.bin"), new byte[100_000]);
  }

  /** Runs {@code RUNS} pipelines one after the other; returns how many failed with each code. */
  private static Map<String, Integer> runFailing(Supplier<List<Stream>> stages) {
    Map<String, Integer> codes = new HashMap<>();
    EventLoop.run(loop -> new Object() {
      int left = RUNS;

      void next() {
        if (left-- == 0) {
          return;
        }
        Pipeline.run(stages.get(), e -> {
          String code = e instanceof StreamException se ? se.codeName() : String.valueOf(e);
          codes.merge(code, 1, Integer::sum);
          next();
        });
      }
    }.next());
    return codes;
  }

  private void warmUp(Supplier<List<Stream>> stages) {
    EventLoop.run(loop -> {
      Pipeline.run(stages.get(), e -> { });
      Pipeline.run(List.of(Fs.createReadStream(source), Fs.createWriteStream(dir.resolve("ok.bin"))), e -> { });
    });
  }

  @Test
  void missingSourceIntoWriteStreamLeaksNothing() {
    Path missing = dir.resolve("missing.bin");
    Path out = dir.resolve("out.bin");
    Supplier<List<Stream>> stages = () -> List.of(Fs.createReadStream(missing), Fs.createWriteStream(out));
    warmUp(stages);
    int before = fdsUnder(dir);
    Map<String, Integer> codes = runFailing(stages);
    assertEquals(Map.of(ErrorCode.ENOENT.code(), RUNS), codes);
    assertEquals(before, fdsUnder(dir));
  }

  @Test
  void readStreamIntoADirectoryPathLeaksNothing() {
    Supplier<List<Stream>> stages = () -> List.of(Fs.createReadStream(source), Fs.createWriteStream(dir));
    warmUp(stages);
    int before = fdsUnder(dir);
    Map<String, Integer> codes = runFailing(stages);
    assertEquals(Map.of(ErrorCode.EISDIR.code(), RUNS), codes);
    assertEquals(before, fdsUnder(dir));
  }

  @Test
  void chunkedPipelineIntoADirectoryPathLeaksNothing() {
    // A DATA observer on the source defeats the direct transfer: the piped path is exercised.
    Supplier<List<Stream>> stages = () -> {
      FileReadStream in = Fs.createReadStream(source, ReadOptions.defaults().highWaterMark(1000));
      in.onData(b -> { });
      in.pause();
      return List.of(in, Fs.createWriteStream(dir, WriteOptions.defaults().atomic(true)));
    };
    warmUp(stages);
    int before = fdsUnder(dir);
    Map<String, Integer> codes = runFailing(stages);
    assertEquals(Map.of(ErrorCode.EISDIR.code(), RUNS), codes);
    assertEquals(before, fdsUnder(dir));
  }
}
