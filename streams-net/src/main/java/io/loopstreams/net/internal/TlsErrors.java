package io.loopstreams.net.internal;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.net.TlsException;
import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Certificate verification failures with OpenSSL's codes and Node's messages, e.g.
 * {@code DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate}. {@link VerifyingTrustManager}
 * classifies the JDK's failure while it still has the peer's chain ({@link #classify}); the
 * resulting {@link Failure} travels as the cause of Netty's handshake exception, and
 * {@link #map} finds it again on the loop.
 */
public final class TlsErrors {

  private TlsErrors() {
  }

  /** A {@link CertificateException} that carries the Node error it stands for. */
  static final class Failure extends CertificateException {
    final transient TlsException error;

    Failure(TlsException error) {
      super(error.getMessage(), error.getCause());
      this.error = error;
    }
  }

  /** Classifies the JDK's verdict on {@code chain} for {@code host}. */
  static Failure classify(CertificateException e, X509Certificate[] chain, String host) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("No subject alternative") || m.contains("No name matching")) {
      String reason = isIp(host) ? "IP: " + host + " is not in the cert's list: " + altNames(chain[0], true)
          : "Host: " + host + ". is not in the cert's altnames: " + altNames(chain[0], false);
      return new Failure(new TlsException(ErrorCode.ERR_TLS_CERT_ALTNAME_INVALID,
          "Hostname/IP does not match certificate's altnames: " + reason, reason, e));
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof CertificateExpiredException) {
        return failure(ErrorCode.CERT_HAS_EXPIRED, "certificate has expired", e);
      }
    }
    X509Certificate last = chain[chain.length - 1];
    boolean selfSigned = last.getSubjectX500Principal().equals(last.getIssuerX500Principal());
    if (selfSigned && chain.length == 1) {
      return failure(ErrorCode.DEPTH_ZERO_SELF_SIGNED_CERT, "self-signed certificate", e);
    }
    if (selfSigned) {
      return failure(ErrorCode.SELF_SIGNED_CERT_IN_CHAIN, "self-signed certificate in certificate chain", e);
    }
    return failure(ErrorCode.UNABLE_TO_VERIFY_LEAF_SIGNATURE, "unable to verify the first certificate", e);
  }

  private static Failure failure(ErrorCode code, String message, Throwable cause) {
    return new Failure(new TlsException(code, message, null, cause));
  }

  private static boolean isIp(String host) {
    return host != null && (host.indexOf(':') >= 0 || host.matches("[0-9.]+"));
  }

  /**
   * Node's altnames text: {@code DNS:localhost, IP Address:127.0.0.1}, or for an IP mismatch only
   * the addresses ({@code 10.1.2.3, 10.1.2.4}).
   */
  private static String altNames(X509Certificate cert, boolean ipsOnly) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          int type = (Integer) san.get(0);
          if (type == 2 && !ipsOnly) {
            names.add("DNS:" + san.get(1));
          } else if (type == 7) {
            names.add((ipsOnly ? "" : "IP Address:") + san.get(1));
          }
        }
      }
    } catch (java.security.cert.CertificateParsingException ignored) {
      // no names to list
    }
    return String.join(", ", names);
  }

  /**
   * The Node error a handshake failure stands for: a verification failure, a fatal alert from
   * the peer ({@code ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED}), a client that sent no
   * certificate where one is required, or plain TCP talking to TLS
   * ({@code ERR_SSL_WRONG_VERSION_NUMBER}); null when it is none of them. The message is
   * OpenSSL's reason text ({@code tlsv13 alert certificate required}) without the library's
   * file and line prefix that Node's messages carry.
   */
  public static TlsException map(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof Failure f) {
        return f.error;
      }
      if (c instanceof TlsException e) {
        return e;
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      ErrorCode code = protocolCode(c);
      if (code != null) {
        String reason = code.code().substring("ERR_SSL_".length()).toLowerCase(Locale.ROOT).replace('_', ' ');
        return new TlsException(code, reason, null, t);
      }
    }
    return null;
  }

  /** The OpenSSL reason code of one JDK or Netty TLS exception, or null. */
  private static ErrorCode protocolCode(Throwable c) {
    if (c instanceof NotSslRecordException) {
      return ErrorCode.ERR_SSL_WRONG_VERSION_NUMBER;
    }
    if (!(c instanceof SSLException)) {
      return null;
    }
    String m = String.valueOf(c.getMessage());
    if (m.startsWith("Unsupported or unrecognized SSL message")) {
      return ErrorCode.ERR_SSL_WRONG_VERSION_NUMBER;
    }
    if (m.startsWith("Empty client certificate chain")) {
      return ErrorCode.ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE;
    }
    if (m.startsWith(ALERT)) {
      return ALERTS.get(m.substring(ALERT.length()).trim());
    }
    return null;
  }

  /** The JDK's text for a fatal alert from the peer, followed by the alert's TLS name. */
  private static final String ALERT = "Received fatal alert:";

  /** TLS alert names (bad_certificate) to OpenSSL's codes, which add the defining version. */
  private static final Map<String, ErrorCode> ALERTS = alerts();

  private static Map<String, ErrorCode> alerts() {
    Map<String, ErrorCode> m = new HashMap<>();
    for (ErrorCode c : ErrorCode.values()) {
      String n = c.code();
      if (n.startsWith("ERR_SSL_SSLV3_") || n.startsWith("ERR_SSL_TLSV")) {
        // ERR_SSL_<version>_[ALERT_]<name>: the name after the version's underscore
        String name = n.substring(n.indexOf('_', "ERR_SSL_".length()) + 1).replaceFirst("^ALERT_", "")
            .toLowerCase(Locale.ROOT);
        m.put(name.equals("user_cancelled") ? "user_canceled" : name, c);
      }
    }
    return Map.copyOf(m);
  }

  /** The innermost cause that is not a wrapper (Reactor's, Netty's decoder and handshake wrappers). */
  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c
        && (c.getClass().getName().startsWith("reactor.") || c instanceof io.netty.handler.codec.DecoderException
        || c instanceof javax.net.ssl.SSLException || c instanceof java.util.concurrent.CompletionException)) {
      c = c.getCause();
    }
    return c;
  }
}
