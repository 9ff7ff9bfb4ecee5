package io.loopstreams.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a standard descriptor is a terminal. On Linux the answer comes from {@code
 * /proc/self/fd/N} (a terminal is a {@code /dev/pts/*} or {@code /dev/tty*} device), which
 * costs one syscall; elsewhere from JLine's native {@code isatty}, loaded only then.
 */
final class Tty {

  private Tty() {
  }

  static boolean isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    if (Files.isDirectory(Path.of("/proc/self/fd"))) {
      try {
        String target = Files.readSymbolicLink(link).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
            || target.equals("/dev/console");
      } catch (IOException | UnsupportedOperationException e) {
        return false; // closed descriptor: not a terminal
      }
    }
    try {
      return org.jline.nativ.CLibrary.isatty(fd) == 1;
    } catch (LinkageError e) {
      return false;
    }
  }

  /** Whether progress may be drawn on stderr by default: a terminal, and not under CI. */
  static boolean progressByDefault() {
    String ci = System.getenv("CI");
    return (ci == null || ci.isEmpty() || ci.equals("false")) && isTerminal(2);
  }
}
