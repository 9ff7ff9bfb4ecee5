package io.loopstreams.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * {@code gzip -l}: compressed size, uncompressed size (the last member's ISIZE, as gzip reads
 * it: modulo 4 GiB), the saving, and the name without its suffix. Runs before any loop.
 */
final class GzipList {

  private GzipList() {
  }

  static int print(java.util.List<String> names) {
    int code = Main.OK;
    System.out.printf("%19s %19s %6s %s%n", "compressed", "uncompressed", "ratio", "uncompressed_name");
    for (String n : names) {
      Path p = Path.of(n);
      try (FileChannel ch = FileChannel.open(p)) {
        long size = ch.size();
        ByteBuffer head = ByteBuffer.allocate(2);
        ch.read(head, 0);
        if (size < 18 || Format.detect(head.flip(), null) != Format.GZIP) {
          throw new CliFailure(n, "not in gzip format");
        }
        ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(tail, size - 4);
        long plain = Integer.toUnsignedLong(tail.flip().getInt());
        double ratio = plain == 0 ? 0 : 100.0 * (plain - size) / plain;
        String stripped = Format.strip(n);
        System.out.printf("%19d %19d %5.1f%% %s%n", size, plain, ratio, stripped == null ? n : stripped);
      } catch (IOException | RuntimeException e) {
        Main.reportFailure("gzip", e, n, false);
        code = Main.FAILURE;
      }
    }
    return code;
  }
}
