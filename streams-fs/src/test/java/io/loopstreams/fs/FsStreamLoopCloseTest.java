package io.loopstreams.fs;

import static io.loopstreams.fs.FsTestSupport.fdsUnder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Stream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a loop with file streams still open releases them: the descriptors close and an
 * uncommitted atomic write leaves no temp file, instead of both waiting for garbage collection.
 */
class FsStreamLoopCloseTest {

  @TempDir
  Path dir;

  @Test
  void closingTheLoopClosesOpenFileStreamsAndRemovesTheTempFile() throws Exception {
    Path src = Files.write(dir.resolve("src.bin"), new byte[1 << 20]);
    Path dst = dir.resolve("dst.bin");
    EventLoop loop = EventLoop.create("fs-close").start();
    CountDownLatch opened = new CountDownLatch(2);
    loop.call(() -> {
      FileReadStream in = Fs.createReadStream(src);
      FileWriteStream out = Fs.createWriteStream(dst, WriteOptions.defaults().atomic(true));
      in.once(FileReadStream.OPEN, p -> opened.countDown());
      out.once(FileWriteStream.OPEN, p -> opened.countDown());
      out.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
      return null;
    }).get(10, TimeUnit.SECONDS);
    assertTrue(opened.await(10, TimeUnit.SECONDS));
    assertEquals(2, fdsUnder(dir), "the source and the temp file are open");
    loop.close();
    assertEquals(0, fdsUnder(dir));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("src.bin"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
    }
  }
}
