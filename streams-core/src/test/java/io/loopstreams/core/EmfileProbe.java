package io.loopstreams.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM under {@code ulimit -n} by {@link SystemErrorsOnRealFilesTest}: opens
 * {@code args[0]} until the descriptors run out and prints the translated error as
 * {@code code|errno|syscall|path|message}.
 */
final class EmfileProbe {

  private EmfileProbe() {
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    // Loads the translation's classes now: once the descriptors are gone no jar can be opened.
    SystemException.fromIOException(new FileSystemException(args[0], null, "warm-up"), "open", null)
        .getMessage();
    List<FileChannel> open = new ArrayList<>();
    try {
      for (;;) {
        open.add(FileChannel.open(file));
      }
    } catch (IOException e) {
      SystemException se = SystemException.fromIOException(e, "open", file.toString());
      System.out.println(se.code() + "|" + se.errno() + "|" + se.syscall() + "|" + se.path() + "|"
          + se.getMessage());
    } finally {
      for (FileChannel c : open) {
        c.close();
      }
    }
  }
}
