package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.kafka.TestBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test: ship a log, two compressors split it; every line is in a gzip file and every offset
 * is committed. At least once, as docs/kafka.md promises, not exactly once: a compressor commits
 * only once its file is complete, so if the second one joins the group after the first fetched
 * (a slow start on a loaded machine), the partitions it takes over are read again from their
 * last commit, and their lines land in both files.
 */
@Timeout(120)
class LogCompressorTest {

  @TempDir
  Path dir;

  @Test
  void twoCompressorsGzipTheShippedLinesBetweenThemAndCommitThem() throws Exception {
    try (TestBroker broker = TestBroker.start()) {
      broker.createTopic("logs", 4);
      List<String> lines = IntStream.range(0, 5000).mapToObj(i -> "line " + i).toList();
      Path log = Files.write(dir.resolve("app.log"), lines);
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);
      assertTrue(LogCompressor.ship(log, broker.bootstrap(), "logs", err), errors.toString());
      // Two compressors at once, each on a thread of its own (the common pool may have one).
      java.util.concurrent.Executor thread = r -> new Thread(r, "compressor").start();
      CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> LogCompressor.compress(
          broker.bootstrap(), "logs", "gz", dir.resolve("a.gz"), 3000, err), thread);
      CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> LogCompressor.compress(
          broker.bootstrap(), "logs", "gz", dir.resolve("b.gz"), 3000, err), thread);
      long total = a.get() + b.get();
      assertEquals("", errors.toString());
      List<String> out = new ArrayList<>();
      for (String name : List.of("a.gz", "b.gz")) {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(name)))) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          if (!text.isEmpty()) {
            out.addAll(List.of(text.split("\n")));
          }
        }
      }
      assertEquals(total, out.size(), "the compressors' counts match their files");
      assertTrue(total >= 5000, "lines lost: " + total);
      // Every line at least once.
      assertEquals(lines.stream().sorted().toList(), out.stream().distinct().sorted().toList());
      long committed = broker.committed("gz", "logs").values().stream()
          .mapToLong(Long::longValue).sum();
      assertEquals(5000, committed);
    }
  }
}
