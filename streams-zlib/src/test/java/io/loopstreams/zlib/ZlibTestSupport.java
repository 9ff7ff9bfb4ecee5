package io.loopstreams.zlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Transform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Drives transforms through a real loop and runs the real command-line tools. */
final class ZlibTestSupport {

  private ZlibTestSupport() {
  }

  /** Log-like text: compressible, but not trivially (a few MiB compress in well under a second). */
  static byte[] logData(int size, long seed) {
    Random r = new Random(seed);
    String[] levels = {"INFO", "WARN", "DEBUG", "ERROR"};
    String[] words = {"request", "served", "cache", "miss", "user", "session", "opened", "closed",
        "timeout", "retry", "GET", "POST", "/api/v1/items", "200", "404", "500"};
    StringBuilder sb = new StringBuilder(size + 200);
    long t = 1_700_000_000_000L;
    while (sb.length() < size) {
      t += r.nextInt(1000);
      sb.append(t).append(' ').append(levels[r.nextInt(4)]).append(" [worker-").append(r.nextInt(16))
          .append("] ");
      for (int i = 0, n = 3 + r.nextInt(8); i < n; i++) {
        sb.append(words[r.nextInt(words.length)]).append(' ');
      }
      sb.append("id=").append(Long.toHexString(r.nextLong())).append('\n');
    }
    return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  /** The input as chunks of {@code chunk} bytes (the last shorter). */
  static List<ByteBuffer> chunks(byte[] data, int chunk) {
    List<ByteBuffer> out = new ArrayList<>();
    for (int i = 0; i < data.length; i += chunk) {
      out.add(ByteBuffer.wrap(data, i, Math.min(chunk, data.length - i)).slice());
    }
    return out;
  }

  /** What a pipeline source → transform produced, or the error it failed with. */
  record Outcome(byte[] output, Throwable error) {
  }

  static Outcome pipe(Supplier<? extends Transform<ByteBuffer, ByteBuffer>> stage, byte[] input, int chunk) {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    EventLoop.run(loop -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Transform<ByteBuffer, ByteBuffer> t = stage.get();
      t.on(Transform.DATA, b -> {
        ByteBuffer bb = ((ByteBuffer) b).duplicate();
        byte[] a = new byte[bb.remaining()];
        bb.get(a);
        out.writeBytes(a);
      });
      Pipeline.run(List.of(Readable.from(chunks(input, chunk)), t),
          err -> done.complete(new Outcome(out.toByteArray(), err)));
    });
    return done.getNow(new Outcome(null, new AssertionError("pipeline did not settle")));
  }

  /**
   * Feeds {@code head} then {@code tail} repeated {@code times} (one reused buffer) through the
   * stage; returns the error it failed with (null on success). {@code fed[0]} counts tail bytes read.
   */
  static Throwable pipeGenerated(Supplier<? extends Transform<ByteBuffer, ByteBuffer>> stage,
      byte[] head, byte[] tail, int times, long[] fed) {
    CompletableFuture<Throwable> done = new CompletableFuture<>();
    EventLoop.run(loop -> {
      java.util.Iterator<ByteBuffer> it = new java.util.Iterator<>() {
        int n = -1;

        @Override
        public boolean hasNext() {
          return n < times;
        }

        @Override
        public ByteBuffer next() {
          if (n++ < 0) {
            return ByteBuffer.wrap(head);
          }
          fed[0] += tail.length;
          return ByteBuffer.wrap(tail);
        }
      };
      Transform<ByteBuffer, ByteBuffer> t = stage.get();
      t.on(Transform.DATA, b -> { });
      Pipeline.run(List.of(Readable.from(it), t), done::complete);
    });
    return done.getNow(new AssertionError("pipeline did not settle"));
  }

  static byte[] run(Supplier<? extends Transform<ByteBuffer, ByteBuffer>> stage, byte[] input, int chunk) {
    Outcome o = pipe(stage, input, chunk);
    if (o.error() != null) {
      throw new AssertionError("pipeline failed", o.error());
    }
    return o.output();
  }

  static ZlibException error(Supplier<? extends Transform<ByteBuffer, ByteBuffer>> stage, byte[] input, int chunk) {
    Outcome o = pipe(stage, input, chunk);
    if (!(o.error() instanceof ZlibException e)) {
      throw new AssertionError("expected a ZlibException, got " + o.error());
    }
    return e;
  }

  /** Runs a command with {@code stdin}, returns its stdout; fails on a non-zero exit. */
  static byte[] tool(byte[] stdin, String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
      // A thread per stream: the common pool may have a single worker (2 cores), and a reader
      // waiting for stderr's end must not keep stdout unread while the tool fills its pipe.
      java.util.concurrent.Executor thread = r -> {
        Thread t = new Thread(r, "tool-pipe");
        t.setDaemon(true);
        t.start();
      };
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), thread);
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()), thread);
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
      } catch (IOException e) {
        // the tool may stop reading early (e.g. on bad input); its exit code tells
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + " timed out");
      }
      byte[] stdout = out.get(10, TimeUnit.SECONDS);
      assertEquals(0, p.exitValue(), String.join(" ", command) + ": "
          + new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
      return stdout;
    } catch (Exception e) {
      throw new AssertionError(String.join(" ", command), e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  static void assertBytes(byte[] expected, byte[] actual) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != actual[i]) {
        fail("first difference at byte " + i);
      }
    }
    assertTrue(true);
  }
}
