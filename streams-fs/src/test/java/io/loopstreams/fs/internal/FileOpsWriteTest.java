package io.loopstreams.fs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file write goes through {@link FileOps#writeFully}: calls of at most 256 KiB, all bytes. */
class FileOpsWriteTest {

  private static final int MAX = FileOps.MAX_WRITE;

  @TempDir
  Path dir;

  @Test
  void aBufferLargerThanTheLimitIsWrittenInSlicesOfTheLimit() throws IOException {
    byte[] data = bytes(4 * MAX + 5, 1);
    for (ByteBuffer b : List.of(ByteBuffer.wrap(data), direct(data))) {
      Path file = dir.resolve("single-" + b.isDirect());
      try (Recording ch = Recording.open(file)) {
        assertEquals(data.length, FileOps.writeFully(ch, b));
        assertEquals(List.of(262144, 262144, 262144, 262144, 5), ch.calls);
      }
      assertEquals(0, b.remaining());
      assertArrayEquals(data, Files.readAllBytes(file));
    }
  }

  @Test
  void aBufferAtTheLimitIsOneCall() throws IOException {
    byte[] data = bytes(MAX, 2);
    Path file = dir.resolve("exact");
    try (Recording ch = Recording.open(file)) {
      FileOps.writeFully(ch, direct(data));
      assertEquals(List.of(MAX), ch.calls);
    }
    assertArrayEquals(data, Files.readAllBytes(file));
  }

  @Test
  void gatheredBuffersShareACallUpToTheLimitAndALargerOneIsSliced() throws IOException {
    int[] sizes = {100 * 1024, 100 * 1024, 56 * 1024, 0, 200 * 1024, 300 * 1024, 1, 7};
    ByteBuffer[] bufs = new ByteBuffer[sizes.length + 2];
    byte[] expected = new byte[Arrays.stream(sizes).sum()];
    int at = 0;
    for (int i = 0; i < sizes.length; i++) {
      byte[] part = bytes(sizes[i], 10 + i);
      System.arraycopy(part, 0, expected, at, part.length);
      at += part.length;
      bufs[i + 1] = i % 2 == 0 ? ByteBuffer.wrap(part) : direct(part);
    }
    bufs[0] = ByteBuffer.wrap(new byte[] {9, 9}); // outside the range written
    bufs[sizes.length + 1] = ByteBuffer.wrap(new byte[] {9});
    Path file = dir.resolve("gathered");
    try (Recording ch = Recording.open(file)) {
      assertEquals(expected.length, FileOps.writeFully(ch, bufs, 1, sizes.length + 1));
      // 100+100+56 (and the empty one) fill one call exactly; 200 alone (200+300 is over);
      // 300 alone is over the limit: a 256 KiB slice, then its 44 KiB rest with the last two.
      assertEquals(List.of(MAX, 200 * 1024, MAX, 44 * 1024 + 8), ch.calls);
    }
    assertArrayEquals(expected, Files.readAllBytes(file));
    assertEquals(2, bufs[0].remaining());
    assertEquals(1, bufs[sizes.length + 1].remaining());
  }

  @Test
  void aShortWriteByTheChannelIsContinuedWhereItStopped() throws IOException {
    byte[] data = bytes(3 * MAX, 3);
    Path file = dir.resolve("short");
    try (Recording ch = Recording.open(file)) {
      ch.shortBy = 1000; // every call writes 1000 bytes less than it was given
      FileOps.writeFully(ch, ByteBuffer.wrap(data));
      assertEquals(MAX - 1000, ch.calls.get(0));
    }
    assertArrayEquals(data, Files.readAllBytes(file));
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static ByteBuffer direct(byte[] data) {
    return ByteBuffer.allocateDirect(data.length).put(data).flip();
  }

  /** A file's channel that records how many bytes each write call wrote. */
  private static final class Recording implements GatheringByteChannel {
    final FileChannel file;
    final List<Integer> calls = new ArrayList<>();
    int shortBy;

    private Recording(FileChannel file) {
      this.file = file;
    }

    static Recording open(Path path) throws IOException {
      return new Recording(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING));
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      int limit = src.limit();
      if (shortBy > 0 && src.remaining() > shortBy) {
        src.limit(limit - shortBy);
      }
      try {
        int n = file.write(src);
        calls.add(n);
        return n;
      } finally {
        src.limit(limit);
      }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      long n = file.write(srcs, offset, length);
      calls.add((int) n);
      return n;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
      return write(srcs, 0, srcs.length);
    }

    @Override
    public boolean isOpen() {
      return file.isOpen();
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
