package io.loopstreams.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.net.TlsException;
import io.netty.handler.codec.DecoderException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * The JDK's TLS failures as OpenSSL's codes and reason texts, as Node reports them: a fatal alert
 * takes the protocol version that defined it (sslv3, tlsv1, tlsv13), found through Netty's
 * wrapper as on a real channel.
 */
class TlsErrorsTest {

  private static TlsException alert(String name) {
    return TlsErrors.map(new DecoderException(new SSLHandshakeException("Received fatal alert: " + name)));
  }

  @Test
  void aFatalAlertBecomesTheCodeOfTheVersionThatDefinedIt() {
    assertEquals(ErrorCode.ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE, alert("bad_certificate").code());
    assertEquals("sslv3 alert bad certificate", alert("bad_certificate").getMessage());
    assertEquals(ErrorCode.ERR_SSL_TLSV1_ALERT_UNKNOWN_CA, alert("unknown_ca").code());
    assertEquals(ErrorCode.ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED, alert("certificate_required").code());
    assertEquals("tlsv13 alert certificate required", alert("certificate_required").getMessage());
    assertEquals(ErrorCode.ERR_SSL_TLSV1_UNRECOGNIZED_NAME, alert("unrecognized_name").code());
    // the JDK spells it as RFC 8446 does; OpenSSL's code keeps its own spelling
    assertEquals(ErrorCode.ERR_SSL_TLSV1_ALERT_USER_CANCELLED, alert("user_canceled").code());
  }

  @Test
  void plainTextAndAMissingClientCertificateHaveTheirOwnCodes() {
    assertEquals(ErrorCode.ERR_SSL_WRONG_VERSION_NUMBER,
        TlsErrors.map(new SSLException("Unsupported or unrecognized SSL message")).code());
    assertEquals(ErrorCode.ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE,
        TlsErrors.map(new SSLHandshakeException("Empty client certificate chain")).code());
  }

  @Test
  void otherFailuresAreNotTlsErrors() {
    assertNull(TlsErrors.map(new SSLException("Connection reset")));
    assertNull(alert("no_such_alert"));
  }
}
