package io.loopstreams.core;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An operating-system error with Node's code, syscall, path and dest, so fs and net failures
 * read like Node's: {@code ENOENT: no such file or directory, open '/x'}, {@code EXDEV:
 * cross-device link not permitted, rename '/a' -> '/b'}. Java reports these as {@link
 * IOException} subclasses or messages; {@link #fromIOException} translates them and keeps the
 * original as the cause.
 *
 * <p>Differences from Node: {@code errno} is the Linux value on every platform.
 */
public class SystemException extends StreamException {
  /** The JDK exception types that name exactly one errno. */
  private static final List<Map.Entry<Class<? extends IOException>, ErrorCode>> BY_TYPE = List.of(
      Map.entry(NoSuchFileException.class, ErrorCode.ENOENT),
      Map.entry(FileAlreadyExistsException.class, ErrorCode.EEXIST),
      Map.entry(AccessDeniedException.class, ErrorCode.EACCES),
      Map.entry(DirectoryNotEmptyException.class, ErrorCode.ENOTEMPTY),
      Map.entry(NotDirectoryException.class, ErrorCode.ENOTDIR),
      Map.entry(FileSystemLoopException.class, ErrorCode.ELOOP),
      Map.entry(NotLinkException.class, ErrorCode.EINVAL),
      Map.entry(SocketTimeoutException.class, ErrorCode.ETIMEDOUT),
      Map.entry(UnknownHostException.class, ErrorCode.ENOTFOUND));

  private final String syscall;
  private final String path;
  private final String dest;

  /** Builds Node's message {@code "<CODE>: <description>, <syscall> '<path>'"}. */
  public SystemException(ErrorCode code, String syscall, String path, Throwable cause) {
    this(code, format(code, syscall, path, null), syscall, path, null, cause);
  }

  /** A two-path call's error: {@code "<CODE>: <description>, <syscall> '<path>' -> '<dest>'"}. */
  public static SystemException withDest(ErrorCode code, String syscall, String path, String dest,
      Throwable cause) {
    return new SystemException(code, format(code, syscall, path, dest), syscall, path, dest, cause);
  }

  /** For messages in another Node shape, e.g. net's {@code "connect ECONNREFUSED 127.0.0.1:80"}. */
  public SystemException(ErrorCode code, String message, String syscall, String path, Throwable cause) {
    this(code, message, syscall, path, null, cause);
  }

  private SystemException(ErrorCode code, String message, String syscall, String path, String dest,
      Throwable cause) {
    super(code, message, cause);
    if (!code.isSystemError()) {
      throw new IllegalArgumentException(code + " is not a system error code");
    }
    this.syscall = syscall;
    this.path = path;
    this.dest = dest;
  }

  /** The failed call as Node names it ({@code "open"}, {@code "read"}, {@code "connect"}); may be null. */
  public String syscall() {
    return syscall;
  }

  /** The file the call was about (for {@code getaddrinfo}, the host name), or null. */
  public String path() {
    return path;
  }

  /** The second file of a two-path call ({@code rename}, {@code link}, {@code copyfile}), or null. */
  public String dest() {
    return dest;
  }

  /** Node's negative errno, e.g. {@code -2} for {@code ENOENT}. */
  public int errno() {
    return code().errno();
  }

  /**
   * Translates a JDK I/O failure into Node's code ({@link #codeOf}). When {@code path} is null,
   * a {@link FileSystemException}'s file and other file are used as path and dest. An {@link
   * UnknownHostException} becomes Node's {@code "getaddrinfo ENOTFOUND <host>"} with {@code
   * path} as the host.
   */
  public static SystemException fromIOException(IOException e, String syscall, String path) {
    if (path == null && e instanceof FileSystemException fse) {
      return fromIOException(e, syscall, fse.getFile(), fse.getOtherFile());
    }
    return fromIOException(e, syscall, path, null);
  }

  /** {@link #fromIOException(IOException, String, String)} for a two-path call such as rename. */
  public static SystemException fromIOException(IOException e, String syscall, String path, String dest) {
    ErrorCode code = codeOf(e);
    if (code == ErrorCode.ENOTFOUND) {
      return new SystemException(code, syscall + " ENOTFOUND " + path, syscall, path, e);
    }
    return withDest(code, syscall, path, dest, e);
  }

  /**
   * Node's code for a JDK I/O failure: the exception types that name one errno first, then the
   * OS text the JDK copies into the reason or message (the {@link ErrorCode} table); anything
   * else is {@code EIO}.
   */
  public static ErrorCode codeOf(IOException e) {
    ErrorCode byType = codeOfType(e);
    if (byType == ErrorCode.ENOENT && throughAFile(((NoSuchFileException) e).getFile())) {
      return ErrorCode.ENOTDIR;
    }
    if (byType != null) {
      return byType;
    }
    String text = e instanceof FileSystemException fse && fse.getReason() != null
        ? fse.getReason() : e.getMessage();
    ErrorCode byText = ErrorCode.ofOsText(text);
    return byText != null ? byText : ErrorCode.EIO;
  }

  /**
   * Whether {@code file} goes through a regular file ({@code a.txt/sub}): the kernel said
   * ENOTDIR, but some JDKs (25's {@code stat}) report it as a missing file. Failure path only.
   */
  private static boolean throughAFile(String file) {
    try {
      for (Path p = file == null ? null : Path.of(file).getParent(); p != null; p = p.getParent()) {
        if (Files.isDirectory(p)) {
          return false;
        }
        if (Files.exists(p)) {
          return true;
        }
      }
    } catch (InvalidPathException | SecurityException e) {
      return false;
    }
    return false;
  }

  private static ErrorCode codeOfType(IOException e) {
    for (Map.Entry<Class<? extends IOException>, ErrorCode> t : BY_TYPE) {
      if (t.getKey().isInstance(e)) {
        return t.getValue();
      }
    }
    return null;
  }

  private static String format(ErrorCode code, String syscall, String path, String dest) {
    StringBuilder sb = new StringBuilder(code.code()).append(": ").append(code.description());
    if (syscall != null) {
      sb.append(", ").append(syscall);
    }
    if (path != null) {
      sb.append(" '").append(path).append('\'');
    }
    if (dest != null) {
      sb.append(" -> '").append(dest).append('\'');
    }
    return sb.toString();
  }
}
