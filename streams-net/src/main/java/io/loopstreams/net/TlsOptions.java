package io.loopstreams.net;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS settings of a secure server or client (Node's {@code tls.createServer} /
 * {@code tls.connect} options), immutable. Secure by default, as Node is: a client verifies the
 * server's chain (against {@link #ca} when given, else the JDK's trusted roots) and its host name;
 * {@code rejectUnauthorized(false)} turns both off and logs one warning. TLS 1.2 is the floor.
 *
 * <pre>{@code
 * TlsOptions.server(certPem, keyPem)                 // a server's certificate chain and PKCS#8 key
 * TlsOptions.client().ca(caPem)                      // trust this CA (e.g. a self-signed server)
 * TlsOptions.client().ca(caPem).servername("db.internal")   // connect by IP, verify the name
 * TlsOptions.server(certPem, keyPem).requestCert(true).ca(clientCa)   // client certificates
 * }</pre>
 */
public final class TlsOptions {

  private final Path cert;
  private final Path key;
  private final Path ca;
  private final boolean rejectUnauthorized;
  private final boolean requestCert;
  private final String servername;

  private TlsOptions(Path cert, Path key, Path ca, boolean rejectUnauthorized, boolean requestCert,
      String servername) {
    this.cert = cert;
    this.key = key;
    this.ca = ca;
    this.rejectUnauthorized = rejectUnauthorized;
    this.requestCert = requestCert;
    this.servername = servername;
  }

  /** A client that trusts the JDK's roots and checks host names. */
  public static TlsOptions client() {
    return new TlsOptions(null, null, null, true, false, null);
  }

  /** A server with its certificate chain and private key (PEM files; the key in PKCS#8). */
  public static TlsOptions server(Path certChainPem, Path privateKeyPem) {
    return new TlsOptions(Objects.requireNonNull(certChainPem, "cert"), Objects.requireNonNull(privateKeyPem, "key"),
        null, true, false, null);
  }

  /** A client certificate to present (for servers with {@code requestCert}). */
  public TlsOptions certificate(Path certChainPem, Path privateKeyPem) {
    return new TlsOptions(Objects.requireNonNull(certChainPem, "cert"), Objects.requireNonNull(privateKeyPem, "key"),
        ca, rejectUnauthorized, requestCert, servername);
  }

  /** Trusts only the certificates in this PEM file (Node's {@code ca}). */
  public TlsOptions ca(Path caPem) {
    return new TlsOptions(cert, key, Objects.requireNonNull(caPem, "ca"), rejectUnauthorized, requestCert,
        servername);
  }

  /**
   * Node's {@code rejectUnauthorized}: false accepts any certificate and any host name (logged
   * once as a warning). On a server with {@link #requestCert}, false makes client certificates
   * optional.
   */
  public TlsOptions rejectUnauthorized(boolean on) {
    return new TlsOptions(cert, key, ca, on, requestCert, servername);
  }

  /** Server: asks clients for a certificate, verified against {@link #ca}. */
  public TlsOptions requestCert(boolean on) {
    return new TlsOptions(cert, key, ca, rejectUnauthorized, on, servername);
  }

  /**
   * Client: the host name sent as SNI and checked against the certificate (Node's
   * {@code servername}), for connecting by address to a server known by name. Default: the host
   * connected to.
   */
  public TlsOptions servername(String name) {
    return new TlsOptions(cert, key, ca, rejectUnauthorized, requestCert, Objects.requireNonNull(name, "servername"));
  }

  public String servername() {
    return servername;
  }

  public Path cert() {
    return cert;
  }

  public Path key() {
    return key;
  }

  public Path ca() {
    return ca;
  }

  public boolean rejectUnauthorized() {
    return rejectUnauthorized;
  }

  public boolean requestCert() {
    return requestCert;
  }
}
