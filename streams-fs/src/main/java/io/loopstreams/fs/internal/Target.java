package io.loopstreams.fs.internal;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a write or copy to {@code requested} will really replace, found before it starts: the
 * file at the end of a chain of symbolic links (the link itself stays a link, like {@code cp}),
 * its kind, and the mode, owner and group an existing file keeps. Immutable; made on the pool.
 *
 * <pre>
 *   kind       atomic write/copy                       plain write/copy
 *   ABSENT     temp file, rename; new file's mode      create; new file's mode
 *   REGULAR    temp file, rename; keeps mode/uid/gid   truncate in place (keeps all)
 *   DIRECTORY  EISDIR                                  EISDIR
 *   SPECIAL    FIFO/device: written directly, no rename (cp's way)
 * </pre>
 */
public record Target(Path requested, Path file, Kind kind, int mode, int uid, int gid) {

  /** The kind of file at the end of the links. */
  public enum Kind {
    ABSENT, REGULAR, DIRECTORY, SPECIAL
  }

  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;
  /** Linux's MAXSYMLINKS. */
  private static final int MAX_LINKS = 40;

  /** Follows {@code requested}'s links; {@code syscall} names the operation in errors. */
  public static Target resolve(Path requested, String syscall) {
    Path p = requested.toAbsolutePath();
    try {
      for (int hops = 0; hops <= MAX_LINKS; hops++) {
        Map<String, Object> a;
        try {
          a = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          return new Target(requested, p, Kind.ABSENT, -1, -1, -1); // a dangling link creates its target
        }
        int mode = (Integer) a.get("mode");
        int type = mode & S_IFMT;
        if (type == S_IFLNK) {
          p = p.resolveSibling(Files.readSymbolicLink(p));
          continue;
        }
        Kind kind = type == S_IFREG ? Kind.REGULAR : type == S_IFDIR ? Kind.DIRECTORY : Kind.SPECIAL;
        return new Target(requested, p, kind, mode & 07777, (Integer) a.get("uid"), (Integer) a.get("gid"));
      }
      throw new FileSystemException(requested.toString(), null, "Too many levels of symbolic links");
    } catch (IOException e) {
      throw FileOps.map(e, syscall, requested);
    }
  }

  public boolean exists() {
    return kind != Kind.ABSENT;
  }

  /** Throws EISDIR for a directory. */
  public Target requireNotDirectory(String syscall) {
    if (kind == Kind.DIRECTORY) {
      throw FileOps.isDirectory(syscall, requested);
    }
    return this;
  }

  /**
   * Gives {@code temp} the metadata the destination must end with: an existing file's owner,
   * group (where this process may set them; EPERM is not an error, as for {@code cp}) and mode;
   * else {@code newMode}.
   */
  public void applyTo(Path temp, int newMode) {
    try {
      if (kind == Kind.REGULAR) {
        // chown before chmod: chown clears the set-user-ID bits
        setIfAllowed(temp, "unix:uid", uid);
        setIfAllowed(temp, "unix:gid", gid);
        Files.setAttribute(temp, "unix:mode", mode);
      } else {
        Files.setAttribute(temp, "unix:mode", newMode & 07777);
      }
    } catch (IOException e) {
      throw FileOps.map(e, "fchmod", requested);
    }
  }

  private static void setIfAllowed(Path p, String attribute, int id) throws IOException {
    if ((Integer) Files.getAttribute(p, attribute) == id) {
      return;
    }
    try {
      Files.setAttribute(p, attribute, id);
    } catch (FileSystemException e) {
      if (!String.valueOf(e.getReason()).contains("not permitted")) {
        throw e;
      }
    }
  }
}
