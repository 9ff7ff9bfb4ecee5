package io.loopstreams.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.stream.Stream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with {@code requestCert} (Node's test-tls-client-auth, in our words). A refused client
 * fails with the JDK's alert as {@code ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE}, or {@code EPIPE} when
 * its own end() meets the closed channel first (Node's OpenSSL sends TLS 1.3's
 * {@code certificate_required} instead: see docs/net.md); the server reports the refusal as
 * {@code tlsClientError}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsClientCertificateTest {

  @TempDir
  static Path dir;
  static TestCerts certs;

  @BeforeAll
  static void certificates() throws Exception {
    certs = TestCerts.create(dir, "localhost", "127.0.0.1");
  }

  private static TlsOptions requiring() {
    return TlsOptions.server(certs.serverCert, certs.serverKey).requestCert(true).ca(certs.ca);
  }

  @Test
  void aClientWithACertificateSignedByTheServersCaIsServed() {
    TlsVerificationTest.Outcome o = TlsVerificationTest.echo(requiring(),
        TlsOptions.client().ca(certs.ca).certificate(certs.clientCert, certs.clientKey));
    assertNull(o.error());
    assertEquals("hello tls", o.echoed());
    assertEquals(1, o.serverConnections());
  }

  @Test
  void aClientWithoutACertificateIsRefusedAndNeverReachesTheConnectionListener() {
    TlsVerificationTest.Outcome o = TlsVerificationTest.echo(requiring(), TlsOptions.client().ca(certs.ca));
    assertNotNull(o.error());
    assertEquals("", o.echoed());
    assertEquals(0, o.serverConnections());
  }

  @Test
  void aClientWithoutACertificateIsReportedByTheServersTlsClientErrorWithOpenSslsCode() {
    TlsVerificationTest.Outcome o = TlsVerificationTest.echo(requiring(), TlsOptions.client().ca(certs.ca));
    assertEquals(1, o.clientErrors().size());
    Server.TlsClientError e = o.clientErrors().get(0);
    TlsException error = assertInstanceOf(TlsException.class, e.error());
    assertEquals(ErrorCode.ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE, error.code());
    assertEquals("peer did not return a certificate", error.getMessage());
    assertEquals("127.0.0.1", e.remoteAddress().getAddress().getHostAddress());
    // the client hears the server's alert: the JDK sends bad_certificate where OpenSSL sends
    // TLS 1.3's certificate_required; unless its own write met the closed channel first (EPIPE)
    assertTrue(StreamException.hasCode(o.error(), ErrorCode.ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE)
        || StreamException.hasCode(o.error(), ErrorCode.EPIPE), String.valueOf(o.error()));
  }

  @Test
  void plainTcpToATlsServerIsReportedAsWrongVersionNumber() {
    List<Server.TlsClientError> errors = new ArrayList<>();
    NetTestSupport.withServer(ServerOptions.defaults().tls(requiring()), s -> { }, (srv, port) -> {
      srv.on(Server.TLS_CLIENT_ERROR, e -> {
        errors.add(e);
        srv.close();
      });
      Socket plain = Net.connect(srv.loop(), NetTestSupport.HOST, port, SocketOptions.defaults());
      plain.on(Stream.ERROR, err -> { });
      plain.resume();
      plain.end(ByteBuffer.wrap("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    });
    assertEquals(1, errors.size());
    assertEquals(ErrorCode.ERR_SSL_WRONG_VERSION_NUMBER, ((StreamException) errors.get(0).error()).code());
    assertEquals("wrong version number", errors.get(0).error().getMessage());
  }

  @Test
  void aClientWithASelfSignedCertificateIsRefused() {
    TlsVerificationTest.Outcome o = TlsVerificationTest.echo(requiring(),
        TlsOptions.client().ca(certs.ca).certificate(certs.selfCert, certs.selfKey));
    assertNotNull(o.error());
    assertEquals("", o.echoed());
    assertEquals(0, o.serverConnections());
  }

  @Test
  void withRejectUnauthorizedOffTheCertificateIsOptional() {
    TlsVerificationTest.Outcome o = TlsVerificationTest.echo(requiring().rejectUnauthorized(false),
        TlsOptions.client().ca(certs.ca));
    assertNull(o.error());
    assertEquals("hello tls", o.echoed());
  }
}
