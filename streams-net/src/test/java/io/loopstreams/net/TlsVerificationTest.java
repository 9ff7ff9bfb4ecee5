package io.loopstreams.net;

import static io.loopstreams.net.NetTestSupport.collect;
import static io.loopstreams.net.NetTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.loopstreams.core.CapturedLog;
import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.net.internal.TlsContexts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS client verifies the server as Node's {@code tls.connect} does by default (Node's
 * test-tls-client-verify / test-tls-check-server-identity, in our words). What Node 20 prints for
 * the same certificates (a server on 127.0.0.1, certificates made with openssl):
 * <pre>
 *   self-signed, default client:   DEPTH_ZERO_SELF_SIGNED_CERT | self-signed certificate
 *   same, with ca: the cert         authorized true
 *   servername not in the SANs:    ERR_TLS_CERT_ALTNAME_INVALID | Hostname/IP does not match certificate's
 *                                  altnames: Host: wrong.example. is not in the cert's altnames:
 *                                  DNS:localhost, IP Address:127.0.0.1
 *   IP not in the SANs:            ERR_TLS_CERT_ALTNAME_INVALID | Hostname/IP does not match certificate's
 *                                  altnames: IP: 127.0.0.1 is not in the cert's list: 10.1.2.3, 10.1.2.4
 * </pre>
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsVerificationTest {

  @TempDir
  static Path dir;
  static TestCerts certs;
  static TestCerts otherNames;

  @BeforeAll
  static void certificates() throws Exception {
    certs = TestCerts.create(dir.resolve("").toAbsolutePath(), "localhost", "127.0.0.1");
    java.nio.file.Files.createDirectories(dir.resolve("other"));
    otherNames = TestCerts.create(dir.resolve("other"), "example.test", "10.1.2.3", "10.1.2.4");
  }

  /** What a client saw: the echoed text, or its error. */
  record Outcome(String echoed, Throwable error, int serverConnections, List<Server.TlsClientError> clientErrors) {
  }

  /** A TLS echo server with {@code server}; a client connects to 127.0.0.1 with {@code client}. */
  static Outcome echo(TlsOptions server, TlsOptions client) {
    Throwable[] error = new Throwable[1];
    ByteArrayOutputStream[] got = new ByteArrayOutputStream[1];
    int[] connections = {0};
    List<Server.TlsClientError> clientErrors = new ArrayList<>();
    NetTestSupport.withServer(ServerOptions.defaults().tls(server), s -> {
      connections[0]++;
      s.on(Stream.ERROR, e -> { });
      s.pipe(s);
    }, (srv, port) -> {
      srv.on(Server.TLS_CLIENT_ERROR, clientErrors::add);
      Socket c = Net.connectSecure(NetTestSupport.HOST, port, client, SocketOptions.defaults());
      got[0] = collect(c);
      c.on(Stream.ERROR, e -> error[0] = e);
      c.on(Stream.CLOSE, srv::close);
      c.end(text("hello tls"));
    });
    return new Outcome(got[0].toString(StandardCharsets.UTF_8), error[0], connections[0], clientErrors);
  }

  @Test
  void aSelfSignedServerIsRejectedByADefaultClientWithDepthZeroSelfSignedCert() {
    Outcome o = echo(TlsOptions.server(certs.selfCert, certs.selfKey), TlsOptions.client());
    TlsException e = assertInstanceOf(TlsException.class, o.error(), String.valueOf(o.error()));
    assertEquals(ErrorCode.DEPTH_ZERO_SELF_SIGNED_CERT, e.code());
    assertEquals("self-signed certificate", e.getMessage());
    assertEquals("", o.echoed());
    assertEquals(0, o.serverConnections());
  }

  @Test
  void aSelfSignedServerIsAcceptedOnceItsCertificateIsTheClientsCa() {
    Outcome o = echo(TlsOptions.server(certs.selfCert, certs.selfKey), TlsOptions.client().ca(certs.selfCert));
    assertNull(o.error());
    assertEquals("hello tls", o.echoed());
  }

  @Test
  void aServerSignedByAnUnknownCaIsRejectedWithUnableToVerifyLeafSignature() {
    Outcome o = echo(TlsOptions.server(certs.serverCert, certs.serverKey), TlsOptions.client());
    TlsException e = assertInstanceOf(TlsException.class, o.error(), String.valueOf(o.error()));
    assertEquals(ErrorCode.UNABLE_TO_VERIFY_LEAF_SIGNATURE, e.code());
    assertEquals("unable to verify the first certificate", e.getMessage());
  }

  @Test
  void anIpAddressMissingFromTheCertificateIsRejectedWithAltnameInvalid() {
    Outcome o = echo(TlsOptions.server(otherNames.serverCert, otherNames.serverKey),
        TlsOptions.client().ca(otherNames.ca));
    TlsException e = assertInstanceOf(TlsException.class, o.error(), String.valueOf(o.error()));
    assertEquals(ErrorCode.ERR_TLS_CERT_ALTNAME_INVALID, e.code());
    assertEquals("Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: "
        + "10.1.2.3, 10.1.2.4", e.getMessage());
    assertEquals("IP: 127.0.0.1 is not in the cert's list: 10.1.2.3, 10.1.2.4", e.reason());
    assertEquals(0, o.serverConnections());
  }

  @Test
  void aServernameMissingFromTheCertificateIsRejectedWithAltnameInvalid() {
    Outcome o = echo(TlsOptions.server(certs.serverCert, certs.serverKey),
        TlsOptions.client().ca(certs.ca).servername("wrong.example"));
    TlsException e = assertInstanceOf(TlsException.class, o.error(), String.valueOf(o.error()));
    assertEquals(ErrorCode.ERR_TLS_CERT_ALTNAME_INVALID, e.code());
    assertEquals("Hostname/IP does not match certificate's altnames: Host: wrong.example. is not in the cert's "
        + "altnames: DNS:localhost, IP Address:127.0.0.1", e.getMessage());
  }

  @Test
  void turningVerificationOffAcceptsAnyServerAndLogsExactlyOneWarning() {
    TlsOptions insecure = TlsOptions.client().rejectUnauthorized(false);
    List<Outcome> outcomes = new ArrayList<>();
    List<String> warnings;
    try (CapturedLog log = CapturedLog.of(TlsContexts.class)) {
      for (int i = 0; i < 3; i++) {
        outcomes.add(echo(TlsOptions.server(otherNames.selfCert, otherNames.selfKey), insecure));
      }
      warnings = log.messages(Level.WARNING);
    }
    for (Outcome o : outcomes) {
      assertNull(o.error());
      assertEquals("hello tls", o.echoed());
    }
    assertEquals(List.of("TLS certificate verification is disabled (rejectUnauthorized false): connections"
        + " accept any certificate and host name"), warnings);
  }

  @Test
  void theServernameThatTheCertificateNamesIsAccepted() {
    Outcome o = echo(TlsOptions.server(certs.serverCert, certs.serverKey),
        TlsOptions.client().ca(certs.ca).servername("localhost"));
    assertNull(o.error());
    assertEquals("hello tls", o.echoed());
  }
}
