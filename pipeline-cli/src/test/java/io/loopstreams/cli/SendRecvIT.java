package io.loopstreams.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** send → recv on 127.0.0.1 through two real processes. */
class SendRecvIT {

  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  static Path certs;

  @TempDir
  Path from;

  @TempDir
  Path to;

  private Process recv;
  private BufferedReader recvErr;

  /**
   * A CA, a server certificate for 127.0.0.1 and a client certificate, made with the openssl
   * command (EC P-256, keys in PKCS#8 PEM) as a user of --tls-cert would make them.
   */
  @BeforeAll
  static void certificates() throws Exception {
    String ec = "ec_paramgen_curve:P-256";
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "1", "-subj", "/CN=test CA");
    Files.writeString(certs.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
    for (String who : List.of("server", "client")) {
      openssl("req", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", who + ".key", "-out", who + ".csr",
          "-subj", "/CN=" + who);
      List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem",
          "-CAkey", "ca.key", "-CAcreateserial", "-out", who + ".pem", "-days", "1"));
      if (who.equals("server")) {
        sign.addAll(List.of("-extfile", "san.ext"));
      }
      openssl(sign.toArray(String[]::new));
    }
  }

  private static void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(certs.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
  }

  private static String cert(String name) {
    return certs.resolve(name).toString();
  }

  @AfterEach
  void stopReceiver() {
    if (recv != null) {
      recv.destroyForcibly();
    }
  }

  /** Starts recv and returns its port, read from its first stderr line. */
  private int startRecv(String... args) throws Exception {
    List<String> cmd = Cli.command(List.of(), concat(new String[] {"recv", "--port", "0"}, args));
    recv = new ProcessBuilder(cmd).directory(to.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    recvErr = new BufferedReader(new InputStreamReader(recv.getErrorStream(), StandardCharsets.UTF_8));
    String line = recvErr.readLine();
    Matcher m = LISTENING.matcher(String.valueOf(line));
    assertTrue(m.find(), "recv said: " + line);
    return Integer.parseInt(m.group(1));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private void sendAndCompare(String... flags) throws Exception {
    sendAndCompare(new String[0], flags);
  }

  private void sendAndCompare(String[] recvFlags, String... flags) throws Exception {
    byte[] data = Cli.logLines(300_000);
    Files.write(from.resolve("big.log"), data);
    int port = startRecv(recvFlags);
    Cli.Result sent = Cli.run(from, null, concat(new String[] {"send", "big.log", "127.0.0.1:" + port}, flags));
    assertEquals(0, sent.code(), sent.err());
    assertTrue(recv.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, recv.exitValue());
    assertArrayEquals(data, Files.readAllBytes(to.resolve("big.log")));
    assertEquals(List.of("big.log"), Cli.names(to));
  }

  @Test
  void plainTransferArrivesWholeAndVerified() throws Exception {
    sendAndCompare();
  }

  @Test
  void gzippedTransferArrivesWholeAndVerified() throws Exception {
    sendAndCompare("--gzip");
  }

  private static String[] tlsReceiver() {
    return new String[] {"--tls-cert", cert("server.pem"), "--tls-key", cert("server.key"),
        "--tls-ca", cert("ca.pem"), "--require-client-cert"};
  }

  @Test
  void tlsTransferWithAClientCertificateArrivesWholeAndVerified() throws Exception {
    sendAndCompare(tlsReceiver(), "--gzip", "--tls-ca", cert("ca.pem"), "--tls-cert", cert("client.pem"),
        "--tls-key", cert("client.key"));
  }

  @Test
  void aTlsSenderWithoutAClientCertificateIsRefusedLoggedAndNothingIsWritten() throws Exception {
    Files.write(from.resolve("f"), Cli.logLines(1000));
    int port = startRecv(tlsReceiver());
    Cli.Result sent = Cli.run(from, null, "send", "f", "127.0.0.1:" + port, "--tls-ca", cert("ca.pem"));
    assertEquals(1, sent.code());
    assertTrue(sent.err().startsWith("pipeline: send: 127.0.0.1:" + port + ": "), sent.err());
    assertTrue(recvErr.readLine().matches("pipeline: recv: refused 127\\.0\\.0\\.1:\\d+: peer did not return a "
        + "certificate \\(ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE\\)"));
    Cli.Result plain = Cli.run(from, null, "send", "f", "127.0.0.1:" + port);
    assertEquals(1, plain.code());
    assertTrue(recvErr.readLine().endsWith(": wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)"));
    assertTrue(recv.isAlive(), "a refused sender must not end the receiver");
    assertEquals(List.of(), Cli.names(to));
  }

  @Test
  void wrongOrMissingTokenIsRefusedLoggedAndNothingIsWritten() throws Exception {
    Files.write(from.resolve("f"), Cli.logLines(1000));
    int port = startRecv("--token", "s3cret");
    Cli.Result wrong = Cli.run(from, null, "send", "f", "127.0.0.1:" + port, "--token", "guess");
    assertEquals(1, wrong.code());
    assertEquals("pipeline: send: 127.0.0.1:" + port + ": refused: wrong token\n", wrong.err());
    assertTrue(recvErr.readLine().matches("pipeline: recv: refused 127\\.0\\.0\\.1:\\d+: wrong token"));
    Cli.Result missing = Cli.run(from, null, "send", "f", "127.0.0.1:" + port);
    assertEquals(1, missing.code());
    assertTrue(recvErr.readLine().endsWith(": missing token"));
    assertTrue(recv.isAlive(), "a refused sender must not end the receiver");
    assertEquals(List.of(), Cli.names(to));
  }

  @Test
  void aNonLoopbackAddressWithoutATokenIsAUsageError() throws Exception {
    Cli.Result r = Cli.run(to, null, "recv", "--port", "0", "--host", "0.0.0.0");
    assertEquals(2, r.code());
    assertEquals("pipeline: recv: listening on 0.0.0.0 needs a token (--token or PIPELINE_TOKEN)\n", r.err());
  }

  @Test
  void receiverKilledMidTransferLeavesNoFileAndTheSenderFails() throws Exception {
    int port = startRecv("-o", "out.bin");
    Process send = new ProcessBuilder(Cli.command(List.of(), "send", "-", "127.0.0.1:" + port))
        .directory(from.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
    OutputStream feed = send.getOutputStream();
    feed.write(Cli.logLines(20_000));
    feed.flush();
    Cli.awaitTempFile(to);
    recv.destroy(); // SIGTERM: the shutdown hook removes the temp file
    assertTrue(recv.waitFor(20, TimeUnit.SECONDS));
    try {
      for (int i = 0; i < 64; i++) {
        feed.write(Cli.logLines(20_000));
      }
      feed.close();
    } catch (java.io.IOException expected) {
      // the sender may already have failed and closed its stdin
    }
    assertTrue(send.waitFor(30, TimeUnit.SECONDS));
    String err = new String(send.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, send.exitValue(), err);
    assertTrue(err.startsWith("pipeline: send: "), err);
    assertEquals(List.of(), Cli.names(to));
  }
}
