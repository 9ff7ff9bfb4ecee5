package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Writable;
import io.loopstreams.net.Net;
import io.loopstreams.net.ServerOptions;
import io.loopstreams.net.SocketOptions;
import io.loopstreams.zlib.Zlib;
import io.loopstreams.zlib.ZlibOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * The modules together, as the {@code pipeline send --gzip} path uses them: a file through
 * parallel gzip into a socket, and on the other end through gunzip into a sink; every byte
 * arrives, and both pipelines settle without an error, repeatedly.
 */
class ParallelGzipOverSocketTest {

  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path dir;

  @RepeatedTest(3)
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFileThroughParallelGzipAndASocketArrivesWhole() {
    List<ByteBuffer> chunks = new ArrayList<>();
    for (int c = 0; c < 200; c++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 1000; i++) {
        b.append("2026-12-06 INFO request ").append(c * 1000 + i).append(" served\n");
      }
      chunks.add(ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8)));
    }
    java.nio.file.Path file;
    try {
      file = java.nio.file.Files.createFile(dir.resolve("app.log"));
      try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
        for (ByteBuffer c : chunks) {
          ch.write(c.duplicate());
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    long[] received = {0};
    Throwable[] results = {new AssertionError("unsettled"), new AssertionError("unsettled")};
    EventLoop.run(loop -> {
      var server = Net.createServer(ServerOptions.defaults(), in -> {
        Writable<ByteBuffer> sink = Writable.create(StreamOptions.bytes(), (b, cb) -> {
          received[0] += b.remaining();
          cb.done();
        });
        Pipeline.run(List.of(in, Zlib.gunzip(), sink), e -> results[1] = e);
      });
      server.listen(0, "127.0.0.1").thenAccept(addr -> {
        var out = Net.connect("127.0.0.1", addr.getPort(), SocketOptions.defaults());
        Readable<ByteBuffer> src = io.loopstreams.fs.Fs.createReadStream(file);
        Pipeline.run(List.of(src, Zlib.gzip(ZlibOptions.defaults().parallelism(2)), out), e -> {
          results[0] = e;
          server.close();
        });
      });
    });
    assertEquals(null, results[0]);
    assertEquals(null, results[1]);
    long total = chunks.stream().mapToLong(ByteBuffer::remaining).sum();
    assertEquals(total, received[0]);
  }
}
