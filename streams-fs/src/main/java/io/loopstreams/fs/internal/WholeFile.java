package io.loopstreams.fs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.LongFunction;

/**
 * Reads a whole file into one heap buffer, to its end whatever {@code stat} said: the buffer
 * starts at the reported size (or 8 KiB when it is 0, as for {@code /proc} files, FIFOs and
 * devices) and doubles while reads still return bytes. Pool threads only.
 */
public final class WholeFile {

  /**
   * The largest buffer: Node's {@code kIoMaxLength} is 2 GiB - 1, a Java array stops 8 bytes
   * short of that.
   */
  public static final long MAX = Integer.MAX_VALUE - 8;

  private static final int FIRST = 8 * 1024;

  private WholeFile() {
  }

  /**
   * The bytes of {@code path}, flipped; a file (or a stream of bytes) longer than {@link #MAX}
   * fails with {@code tooLarge.apply(size)}.
   */
  public static ByteBuffer read(Path path, LongFunction<RuntimeException> tooLarge) {
    FileOps.Opened opened = FileOps.openRead(path);
    try (FileChannel ch = opened.channel()) {
      if (opened.size() > MAX) {
        throw tooLarge.apply(opened.size());
      }
      // One byte past the reported size, so that the first read can already see the end.
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(MAX, Math.max(FIRST, opened.size() + 1)));
      while (true) {
        int n = opened.regular() ? ch.read(buf, buf.position()) : ch.read(buf);
        if (n < 0) {
          return buf.flip();
        }
        if (!buf.hasRemaining()) {
          if (buf.capacity() == MAX) {
            throw tooLarge.apply(MAX + 1);
          }
          buf = ByteBuffer.allocate((int) Math.min(MAX, 2L * buf.capacity())).put(buf.flip());
        }
      }
    } catch (IOException e) {
      throw FileOps.map(e, "read", path);
    }
  }
}
