package io.loopstreams.fs.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files of atomic writes and copies: their names, the registry of the live ones,
 * the one shutdown hook that removes them, and the removal of stale ones left by a dead process.
 * Thread-safe (any pool thread, and the shutdown hook's thread).
 *
 * <p>A temporary file of {@code dir/NAME} is {@code dir/.NAME.<pid>.<16 hex>.tmp}: hidden, next
 * to its destination (the rename must not cross file systems), carrying the id of the process
 * that made it. It is registered before it is created and forgotten once renamed or deleted.
 *
 * <p>On a normal exit, SIGINT, SIGTERM and SIGHUP the JVM runs the hook, which deletes every
 * registered file; a file created while the hook runs is deleted by its creator (it re-checks
 * the flag after creating, and the hook sets the flag before it looks at the registry). SIGKILL,
 * a JVM crash or a power loss run no hook: the next atomic write or copy to the same
 * destination deletes every {@code .NAME.<pid>.<hex>.tmp} whose process is no longer alive.
 */
public final class TempFiles {

  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  private static final long PID = ProcessHandle.current().pid();
  private static volatile boolean shuttingDown;

  private TempFiles() {
  }

  /** Installs the hook on first use (class initialisation runs once, thread-safely). */
  private static final class Hook {
    static {
      Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "loopstreams-temp-files"));
    }

    static void ensure() {
      // touching the class installs the hook
    }
  }

  /** A created, registered temporary file and the mode it was created with (0666 &amp; ~umask). */
  public record Temp(Path path, int createdMode) {
  }

  /**
   * Creates and registers a temporary file for {@code target} (a real file path, links already
   * resolved) with mode 0600 (the data is private until the final mode is set), and deletes
   * stale ones of dead processes first. Failures are reported against {@code reportAs}.
   */
  public static Temp create(Path target, Path reportAs) {
    Hook.ensure();
    Path dir = target.toAbsolutePath().getParent();
    String name = target.getFileName().toString();
    removeStale(dir, name);
    for (int attempt = 0; ; attempt++) {
      String hex = String.format("%016x", ThreadLocalRandom.current().nextLong());
      Path tmp = dir.resolve("." + name + "." + PID + "." + hex + ".tmp");
      LIVE.add(tmp);
      try {
        Files.createFile(tmp);
        if (shuttingDown) {
          delete(tmp);
          throw new IllegalStateException("the JVM is shutting down: no new temporary file");
        }
        int mode = (Integer) Files.getAttribute(tmp, "unix:mode") & 07777;
        Files.setAttribute(tmp, "unix:mode", 0600);
        return new Temp(tmp, mode);
      } catch (FileAlreadyExistsException e) {
        LIVE.remove(tmp);
        if (attempt > 16) {
          throw FileOps.map(e, "open", tmp);
        }
      } catch (IOException e) {
        delete(tmp);
        // Reported against the destination: that is the name the caller knows (Node's shape).
        throw FileOps.map(e, "open", reportAs);
      }
    }
  }

  /** After the rename: the file is the destination now, not ours to delete. */
  public static void forget(Path temp) {
    LIVE.remove(temp);
  }

  /** Deletes {@code temp} if it exists and forgets it; a failure is reported. */
  public static void delete(Path temp) {
    try {
      Files.deleteIfExists(temp);
      LIVE.remove(temp);
    } catch (IOException e) {
      throw FileOps.map(e, "unlink", temp);
    }
  }

  /** Temporary files registered now (tests and diagnostics). */
  public static Set<Path> live() {
    return Set.copyOf(LIVE);
  }

  /** The pid a temporary file name of {@code name} carries, or -1 if it is not one of ours. */
  static long pidOf(String name, String fileName) {
    Matcher m = Pattern.compile("\\." + Pattern.quote(name) + "\\.(\\d{1,18})\\.[0-9a-f]{16}\\.tmp")
        .matcher(fileName);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Deletes {@code .name.<pid>.<hex>.tmp} files in {@code dir} whose process is gone. */
  static void removeStale(Path dir, String name) {
    String prefix = "." + name + ".";
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
        p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path p : entries) {
        long pid = pidOf(name, p.getFileName().toString());
        boolean ours = pid == PID;
        boolean dead = pid > 0 && !ours && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false;
        // Our own pid but not registered: an earlier process with the same pid (a container's
        // pid 1, say) left it.
        if (dead || (ours && !LIVE.contains(p))) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // Best effort: a stale file that stays is only wasted space; the write itself goes on.
      return;
    }
  }

  private static void deleteAll() {
    shuttingDown = true;
    for (Path p : LIVE) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        System.err.println("loopstreams: could not delete temporary file " + p + ": " + e.getMessage());
      }
    }
  }
}
