package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node's system-error shape (lib/internal/errors.js UVException) from real JDK I/O failures. */
class SystemExceptionTest {
  @TempDir
  Path dir;

  @Test
  void missingFileBecomesEnoentWithNodesMessage() {
    Path missing = dir.resolve("missing.txt");
    IOException io = assertThrows(IOException.class, () -> FileChannel.open(missing, StandardOpenOption.READ));

    SystemException e = SystemException.fromIOException(io, "open", missing.toString());

    assertEquals(ErrorCode.ENOENT, e.code());
    assertEquals("ENOENT", e.codeName());
    assertEquals(-2, e.errno());
    assertEquals("open", e.syscall());
    assertEquals(missing.toString(), e.path());
    assertEquals("ENOENT: no such file or directory, open '" + missing + "'", e.getMessage());
    assertSame(io, e.getCause());
  }

  @Test
  void existingFileBecomesEexistAndThePathDefaultsToTheExceptionsFile() throws IOException {
    Path existing = Files.createFile(dir.resolve("a"));
    IOException io = assertThrows(IOException.class, () -> Files.createFile(existing));

    SystemException e = SystemException.fromIOException(io, "open", null);

    assertEquals("EEXIST: file already exists, open '" + existing + "'", e.getMessage());
    assertEquals(existing.toString(), e.path());
  }

  @Test
  void openingADirectoryForWritingBecomesEisdir() {
    IOException io = assertThrows(IOException.class, () -> new FileOutputStream(dir.toFile()).close());

    assertEquals(ErrorCode.EISDIR, SystemException.fromIOException(io, "open", dir.toString()).code());
  }

  @Test
  void osMessagesMapToNodeCodesAndAnythingElseToEio() {
    List<ErrorCode> codes = new ArrayList<>();
    for (String message : List.of("No space left on device", "Connection reset by peer", "Broken pipe",
        "Connection refused", "Bad file descriptor", "something odd")) {
      codes.add(SystemException.fromIOException(new IOException(message), "write", null).code());
    }
    codes.add(SystemException.fromIOException(new IOException(), "read", null).code());

    assertEquals(List.of(ErrorCode.ENOSPC, ErrorCode.ECONNRESET, ErrorCode.EPIPE, ErrorCode.ECONNREFUSED,
        ErrorCode.EBADF, ErrorCode.EIO, ErrorCode.EIO), codes);
    assertEquals("ECONNRESET: connection reset by peer, read", SystemException.fromIOException(
        new IOException("Connection reset"), "read", null).getMessage());
  }

  @Test
  void onlySystemCodesAreAccepted() {
    assertThrows(IllegalArgumentException.class,
        () -> new SystemException(ErrorCode.ERR_STREAM_DESTROYED, "write", null, null));
    SystemException custom = new SystemException(ErrorCode.ECONNREFUSED, "connect ECONNREFUSED 127.0.0.1:80",
        "connect", null, null);
    assertEquals("connect ECONNREFUSED 127.0.0.1:80", custom.getMessage());
    assertEquals(true, StreamException.hasCode(custom, ErrorCode.ECONNREFUSED));
  }

  /**
   * The reasons the JDK gives for failures a test cannot provoke on this machine (ENFILE needs
   * the whole system out of descriptors, EROFS a read-only mount, EACCES a non-root user): the
   * glibc strerror() text, matched longest first so that "Too many open files in system" is
   * ENFILE and "Too many open files" EMFILE. Node's messages for these codes come from its error
   * map ({@code util.getSystemErrorMap()}, see ErrorCodeTest).
   */
  @Test
  void jdkReasonsMapToTheirErrno() {
    List<String> got = new ArrayList<>();
    for (String reason : List.of("Too many open files", "Too many open files in system", "Read-only file system",
        "Resource temporarily unavailable", "Device or resource busy", "Invalid cross-device link",
        "Operation not permitted", "Address already in use", "Connection timed out", "Text file busy",
        "File too large", "No route to host", "Network is unreachable")) {
      SystemException e = SystemException.fromIOException(new FileSystemException("/f", null, reason), "open", null);
      got.add(e.code() + " " + e.errno() + " " + e.getMessage());
    }
    assertEquals(List.of(
        "EMFILE -24 EMFILE: too many open files, open '/f'",
        "ENFILE -23 ENFILE: file table overflow, open '/f'",
        "EROFS -30 EROFS: read-only file system, open '/f'",
        "EAGAIN -11 EAGAIN: resource temporarily unavailable, open '/f'",
        "EBUSY -16 EBUSY: resource busy or locked, open '/f'",
        "EXDEV -18 EXDEV: cross-device link not permitted, open '/f'",
        "EPERM -1 EPERM: operation not permitted, open '/f'",
        "EADDRINUSE -98 EADDRINUSE: address already in use, open '/f'",
        "ETIMEDOUT -110 ETIMEDOUT: connection timed out, open '/f'",
        "ETXTBSY -26 ETXTBSY: text file is busy, open '/f'",
        "EFBIG -27 EFBIG: file too large, open '/f'",
        "EHOSTUNREACH -113 EHOSTUNREACH: host is unreachable, open '/f'",
        "ENETUNREACH -101 ENETUNREACH: network is unreachable, open '/f'"), got);
    assertEquals(ErrorCode.EACCES, SystemException.fromIOException(new AccessDeniedException("/f"), "open", null).code());
  }

  /**
   * Node: {@code dns.lookup("no-such-host.invalid", e => ...)} gives {@code {"code":"ENOTFOUND",
   * "errno":-3008,"syscall":"getaddrinfo","hostname":"no-such-host.invalid","message":"getaddrinfo
   * ENOTFOUND no-such-host.invalid"}}. The JDK's exception is built as InetAddress builds it (a
   * real lookup would depend on the machine's resolver).
   */
  @Test
  void anUnknownHostIsEnotfoundInGetaddrinfosShape() {
    SystemException e = SystemException.fromIOException(
        new UnknownHostException("no-such-host.invalid: Name or service not known"), "getaddrinfo",
        "no-such-host.invalid");
    assertEquals("ENOTFOUND -3008 getaddrinfo no-such-host.invalid getaddrinfo ENOTFOUND no-such-host.invalid",
        e.code() + " " + e.errno() + " " + e.syscall() + " " + e.path() + " " + e.getMessage());
  }

  /**
   * Real sockets on 127.0.0.1. Node: listening twice on a port gives {@code code EADDRINUSE,
   * errno -98, "listen EADDRINUSE: address already in use 127.0.0.1:<port>"}; connecting to it
   * once closed gives {@code ECONNREFUSED, -111, "connect ECONNREFUSED 127.0.0.1:<port>"} (the
   * message shape is the net module's; the code and errno are this translation's).
   */
  @Test
  void bindingATakenPortIsEaddrinuseAndConnectingToAClosedOneEconnrefused() throws IOException {
    InetAddress lo = InetAddress.getLoopbackAddress();
    int port;
    List<String> got = new ArrayList<>();
    try (ServerSocket taken = new ServerSocket(0, 1, lo)) {
      port = taken.getLocalPort();
      IOException bind = assertThrows(IOException.class, () -> new ServerSocket(port, 1, lo).close());
      SystemException e = SystemException.fromIOException(bind, "listen", null);
      got.add(e.code() + " " + e.errno());
    }
    IOException connect = assertThrows(IOException.class, () -> new Socket(lo, port).close());
    SystemException e = SystemException.fromIOException(connect, "connect", null);
    got.add(e.code() + " " + e.errno());
    assertEquals(List.of("EADDRINUSE -98", "ECONNREFUSED -111"), got);
  }

  @Test
  void aTwoPathErrorCarriesDestInItsMessage() {
    SystemException e = SystemException.withDest(ErrorCode.EXDEV, "rename", "/a", "/b", null);
    assertEquals("EXDEV: cross-device link not permitted, rename '/a' -> '/b'", e.getMessage());
    assertEquals("/b", e.dest());
  }
}
