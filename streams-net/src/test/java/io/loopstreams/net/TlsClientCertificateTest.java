package io.loopstreams.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with {@code requestCert} (Node's test-tls-client-auth, in our words). A refused client
 * fails with the JDK's alert ({@code bad_certificate}) as {@code read EIO}, or {@code EPIPE} when
 * its own end() meets the closed channel first; Node names the alert
 * ({@code ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED}): see docs/net.md.
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
