package io.loopstreams.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** FIFOs and test data for the tests of files whose size {@code stat} does not know. */
final class SpecialFiles {

  private SpecialFiles() {
  }

  /** Makes a FIFO with {@code mkfifo} (Java has no call for it). */
  static Path mkfifo(Path path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("mkfifo " + path + " exited with " + p.exitValue());
    }
    return path;
  }

  /**
   * Writes {@code data} into {@code fifo} from another thread in {@code piece}-byte writes,
   * then closes it (the reader's end of file). Opening blocks until a reader opens the FIFO.
   */
  static CompletableFuture<Void> feed(Path fifo, byte[] data, int piece) {
    return CompletableFuture.runAsync(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        for (int off = 0; off < data.length; off += piece) {
          out.write(data, off, Math.min(piece, data.length - off));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, runnable -> new Thread(runnable, "fifo-feeder").start());
  }

  static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }
}
