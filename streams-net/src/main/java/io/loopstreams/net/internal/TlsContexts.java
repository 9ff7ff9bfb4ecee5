package io.loopstreams.net.internal;

import io.loopstreams.core.internal.LazyLogger;
import io.loopstreams.net.TlsOptions;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Netty {@link SslContext}s from {@link TlsOptions}: TLS 1.3 and 1.2 only, the JDK provider,
 * verification through {@link VerifyingTrustManager}. Reads PEM files, so callers run it on the
 * offload pool; a context is built once per options object and reused, so turning verification
 * off logs one warning per options object.
 */
public final class TlsContexts {

  private static final LazyLogger LOG = new LazyLogger(TlsContexts.class.getName());
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private static final Map<TlsOptions, SslContext> CACHE = new WeakHashMap<>();

  private TlsContexts() {
  }

  /** The server context: certificate chain and key; client certificates when asked. */
  public static SslContext server(TlsOptions o) throws IOException, GeneralSecurityException {
    synchronized (CACHE) { // one build per options object (and so one warning)
      SslContext ctx = CACHE.get(o);
      if (ctx == null) {
        SslContextBuilder b = SslContextBuilder.forServer(o.cert().toFile(), o.key().toFile()).protocols(PROTOCOLS);
        if (o.requestCert()) {
          b.clientAuth(o.rejectUnauthorized() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL).trustManager(trust(o.ca()));
        }
        ctx = b.build();
        CACHE.put(o, ctx);
      }
      return ctx;
    }
  }

  /** The client context: verifying by default, trusting anything only when told to. */
  public static SslContext client(TlsOptions o) throws IOException, GeneralSecurityException {
    synchronized (CACHE) {
      SslContext ctx = CACHE.get(o);
      if (ctx == null) {
        SslContextBuilder b = SslContextBuilder.forClient().protocols(PROTOCOLS);
        if (o.rejectUnauthorized()) {
          b.trustManager(trust(o.ca())).endpointIdentificationAlgorithm("HTTPS");
        } else {
          LOG.log(System.Logger.Level.WARNING, "TLS certificate verification is disabled"
              + " (rejectUnauthorized false): connections accept any certificate and host name");
          b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        }
        if (o.cert() != null) {
          b.keyManager(o.cert().toFile(), o.key().toFile());
        }
        ctx = b.build();
        CACHE.put(o, ctx);
      }
      return ctx;
    }
  }

  /** The JDK's trust manager over {@code caPem}'s certificates, or over the JDK's roots when null. */
  private static TrustManager trust(Path caPem) throws IOException, GeneralSecurityException {
    KeyStore store = null;
    if (caPem != null) {
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      try (InputStream in = Files.newInputStream(caPem)) {
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("ca" + i++, c);
        }
      }
    }
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    for (TrustManager tm : f.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return new VerifyingTrustManager(x);
      }
    }
    throw new GeneralSecurityException("no X509ExtendedTrustManager in " + f.getAlgorithm());
  }
}
