package io.loopstreams.core;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * An operating-system error with Node's code, syscall and path, so fs and net failures read
 * like Node's: {@code ENOENT: no such file or directory, open '/x'}. Java reports these as
 * {@link IOException} subclasses or messages; {@link #fromIOException} translates them and
 * keeps the original as the cause.
 *
 * <p>Differences from Node: {@code errno} is the Linux value on every platform, and there is
 * no {@code dest} (Node's {@code -> 'dest'} suffix for rename and link).
 */
public class SystemException extends StreamException {
  private final String syscall;
  private final String path;

  /** Builds Node's message {@code "<CODE>: <description>, <syscall> '<path>'"}. */
  public SystemException(ErrorCode code, String syscall, String path, Throwable cause) {
    this(code, format(code, syscall, path), syscall, path, cause);
  }

  /** For messages in another Node shape, e.g. net's {@code "connect ECONNREFUSED 127.0.0.1:80"}. */
  public SystemException(ErrorCode code, String message, String syscall, String path, Throwable cause) {
    super(code, message, cause);
    if (!code.isSystemError()) {
      throw new IllegalArgumentException(code + " is not a system error code");
    }
    this.syscall = syscall;
    this.path = path;
  }

  /** The failed call as Node names it ({@code "open"}, {@code "read"}, {@code "connect"}); may be null. */
  public String syscall() {
    return syscall;
  }

  /** The file the call was about, or null. */
  public String path() {
    return path;
  }

  /** Node's negative errno, e.g. {@code -2} for {@code ENOENT}. */
  public int errno() {
    return code().errno();
  }

  /**
   * Translates a JDK I/O failure into Node's code: the {@code java.nio.file} exception types
   * first, then the OS text the JDK copies into messages; anything else is {@code EIO}.
   * When {@code path} is null, a {@link FileSystemException}'s file is used.
   */
  public static SystemException fromIOException(IOException e, String syscall, String path) {
    String p = path == null && e instanceof FileSystemException fse ? fse.getFile() : path;
    return new SystemException(codeOf(e), syscall, p, e);
  }

  static ErrorCode codeOf(IOException e) {
    if (e instanceof NoSuchFileException) {
      return ErrorCode.ENOENT;
    }
    if (e instanceof FileAlreadyExistsException) {
      return ErrorCode.EEXIST;
    }
    if (e instanceof AccessDeniedException) {
      return ErrorCode.EACCES;
    }
    if (e instanceof SocketTimeoutException) {
      return ErrorCode.ETIMEDOUT;
    }
    String m = String.valueOf(e.getMessage());
    if (m.contains("No space left on device")) {
      return ErrorCode.ENOSPC;
    }
    if (m.contains("Is a directory")) {
      return ErrorCode.EISDIR;
    }
    if (m.contains("Connection reset")) {
      return ErrorCode.ECONNRESET;
    }
    if (m.contains("Broken pipe")) {
      return ErrorCode.EPIPE;
    }
    if (m.contains("Connection refused")) {
      return ErrorCode.ECONNREFUSED;
    }
    if (m.contains("Bad file descriptor")) {
      return ErrorCode.EBADF;
    }
    return ErrorCode.EIO;
  }

  private static String format(ErrorCode code, String syscall, String path) {
    StringBuilder sb = new StringBuilder(code.code()).append(": ").append(code.description());
    if (syscall != null) {
      sb.append(", ").append(syscall);
    }
    if (path != null) {
      sb.append(" '").append(path).append('\'');
    }
    return sb.toString();
  }
}
