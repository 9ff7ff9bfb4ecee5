package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
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
}
