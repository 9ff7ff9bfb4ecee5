package io.loopstreams.net;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time (EC P-256, BouncyCastle), written as PEM files into a folder:
 * {@code ca.pem}; {@code server.pem}/{@code server.key} signed by the CA for the given names;
 * {@code self.pem}/{@code self.key}, self-signed for the same names; {@code client.pem}/
 * {@code client.key} signed by the CA. Names are DNS names or IPv4 literals (IP SANs).
 */
final class TestCerts {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  final Path ca;
  final Path serverCert;
  final Path serverKey;
  final Path selfCert;
  final Path selfKey;
  final Path clientCert;
  final Path clientKey;

  private TestCerts(Path dir) {
    ca = dir.resolve("ca.pem");
    serverCert = dir.resolve("server.pem");
    serverKey = dir.resolve("server.key");
    selfCert = dir.resolve("self.pem");
    selfKey = dir.resolve("self.key");
    clientCert = dir.resolve("client.pem");
    clientKey = dir.resolve("client.key");
  }

  /** Writes the set into {@code dir}; the server certificates name {@code names}. */
  static TestCerts create(Path dir, String... names) throws Exception {
    TestCerts c = new TestCerts(dir);
    KeyPair caKeys = keys();
    X509Certificate caCert = sign("CN=loopstreams test CA", caKeys, "CN=loopstreams test CA", caKeys, true);
    write(c.ca, caCert);
    KeyPair server = keys();
    write(c.serverCert, sign("CN=" + names[0], server, "CN=loopstreams test CA", caKeys, false, names));
    write(c.serverKey, server.getPrivate());
    KeyPair self = keys();
    write(c.selfCert, sign("CN=" + names[0], self, "CN=" + names[0], self, false, names));
    write(c.selfKey, self.getPrivate());
    KeyPair client = keys();
    write(c.clientCert, sign("CN=test client", client, "CN=loopstreams test CA", caKeys, false));
    write(c.clientKey, client.getPrivate());
    return c;
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
      boolean isCa, String... names) throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (isCa) {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }
    if (names.length > 0) {
      GeneralName[] sans = new GeneralName[names.length];
      for (int i = 0; i < names.length; i++) {
        boolean ip = names[i].matches("[0-9.]+");
        sans[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
      }
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }

  private static void write(Path file, X509Certificate cert) throws IOException {
    try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(cert);
    }
  }

  private static void write(Path file, PrivateKey key) throws IOException {
    try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(new JcaPKCS8Generator(key, null));
    }
  }
}
