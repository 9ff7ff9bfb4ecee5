package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SendFile and ReceiveFile, each in its own JVM, over 127.0.0.1. */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendFileTest {

  @TempDir
  Path dir;

  @Test
  void aFileCrossesCompressedAndArrivesIdentical() throws Exception {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      log.append("2026-12-06T16:00:00Z INFO request ").append(i).append(" served in ").append(i % 17).append(" ms\n");
    }
    Path src = Files.writeString(dir.resolve("app.log"), log);
    Path dest = dir.resolve("received.log");
    long size = Files.size(src);
    try (RunningExample receiver = new RunningExample(ReceiveFile.class, "0", dest.toString())) {
      int port = receiver.readListeningPort();
      ExampleRun sent = ExampleRun.of(SendFile.class, "127.0.0.1", String.valueOf(port), src.toString());
      Matcher m = Pattern.compile("sent " + Pattern.quote(src.toString()) + ": " + size
          + " bytes as (\\d+) compressed to 127.0.0.1:" + port + "\n").matcher(sent.stdout());
      assertTrue(m.matches(), sent.toString());
      assertEquals(List.of(0, ""), List.of(sent.exit(), sent.stderr()));
      long compressed = Long.parseLong(m.group(1));
      assertTrue(compressed < size / 5, "compressed " + compressed + " of " + size);
      assertEquals(new ExampleRun(0, "listening on 127.0.0.1:" + port + "\n"
          + "received " + dest + ": " + size + " bytes from " + compressed + " compressed\n", ""), receiver.finish());
    }
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dest));
  }

  @Test
  void bytesThatAreNotGzipFailTheReceiverAndLeaveNoDestination() throws Exception {
    Path dest = dir.resolve("received.log");
    try (RunningExample receiver = new RunningExample(ReceiveFile.class, "0", dest.toString())) {
      int port = receiver.readListeningPort();
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        OutputStream out = s.getOutputStream();
        out.write("plain text, not gzip\n".getBytes(StandardCharsets.UTF_8));
        s.shutdownOutput();
        s.getInputStream().readAllBytes(); // until the receiver closes
      }
      assertEquals(new ExampleRun(1, "listening on 127.0.0.1:" + port + "\n",
          "ReceiveFile: incorrect header check\n"), receiver.finish());
    }
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.toList());
    }
  }
}
