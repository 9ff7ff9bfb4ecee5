package io.loopstreams.fs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Copies bytes between two open files to the source's end, whatever {@code stat} said its size
 * was. Pool threads only; stateless.
 *
 * <p>A regular source goes through {@code transferTo} (copy_file_range/sendfile: the bytes never
 * enter the JVM). {@code transferTo} stops at the size {@code fstat} reports, so when it returns
 * 0 one plain read probes for more: {@code /proc} files report size 0, and a file being
 * appended to may have grown. Only a read that returns -1 proves the end, as in {@code cp}.
 * A FIFO or a character device cannot be read at a position: it is read sequentially.
 */
public final class Transfer {

  /** The bounce buffer of the read/write fallback. */
  static final int BUFFER = 64 * 1024;

  private Transfer() {
  }

  /**
   * Copies up to {@code max} bytes from {@code src} (at {@code position} when {@code seekable},
   * else from its current position) to {@code dst}'s current position. Returns the bytes moved;
   * fewer than {@code max} only at the end of {@code src}.
   */
  public static long copy(FileChannel src, boolean seekable, long position, long max,
      FileChannel dst, Path srcPath, Path dstPath) {
    long done = 0;
    ByteBuffer buf = null;
    try {
      while (done < max) {
        long n = seekable ? src.transferTo(position + done, max - done, dst) : 0;
        if (n > 0) {
          done += n;
          continue;
        }
        if (buf == null) {
          buf = ByteBuffer.allocate(BUFFER);
        }
        buf.clear().limit((int) Math.min(BUFFER, max - done));
        int r = seekable ? src.read(buf, position + done) : src.read(buf);
        if (r < 0) {
          break;
        }
        buf.flip();
        FileOps.writeFully(dst, buf);
        done += r;
      }
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      boolean full = m.contains("No space");
      throw FileOps.map(e, full ? "write" : "copyfile", full ? dstPath : srcPath);
    }
    return done;
  }
}
