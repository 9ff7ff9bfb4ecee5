package io.loopstreams.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.2 is the floor: {@code openssl s_client} limited to TLS 1.1 (its security level lowered so
 * that it offers it at all) gets the server's protocol_version alert, as from a Node server
 * ({@code tlsv1 alert protocol version ... SSL alert number 70}); the same client limited to TLS 1.2
 * is served.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsProtocolFloorTest {

  @TempDir
  Path dir;

  /** Runs s_client with {@code version} against a TLS server; returns its output and the connections seen. */
  private Object[] connectWith(String version) throws Exception {
    TestCerts certs = TestCerts.create(dir, "localhost", "127.0.0.1");
    Object[] result = new Object[2];
    int[] connections = {0};
    ServerOptions options = ServerOptions.defaults().tls(TlsOptions.server(certs.serverCert, certs.serverKey));
    NetTestSupport.withServer(options, s -> {
      connections[0]++;
      s.pipe(s);
    }, (server, port) -> server.loop().offload(() -> sClient(port, version, certs.ca), (String out, Throwable e) -> {
      result[0] = e != null ? e.toString() : out;
      server.close();
    }));
    result[1] = connections[0];
    return result;
  }

  private static String sClient(int port, String version, Path ca) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, version,
        "-CAfile", ca.toString(), "-cipher", "DEFAULT:@SECLEVEL=0"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close(); // s_client ends at EOF on stdin
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  @Test
  void aClientLimitedToTls11GetsTheProtocolVersionAlert() throws Exception {
    Object[] r = connectWith("-tls1_1");
    String out = (String) r[0];
    assertTrue(out.contains("alert protocol version") && out.contains("SSL alert number 70"), out);
    assertEquals(0, r[1]);
  }

  @Test
  void theSameClientLimitedToTls12IsServed() throws Exception {
    Object[] r = connectWith("-tls1_2");
    String out = (String) r[0];
    assertTrue(out.contains("Protocol  : TLSv1.2") || out.contains("New, TLSv1.2"), out);
    assertTrue(out.contains("Verify return code: 0 (ok)"), out);
    assertEquals(1, r[1]);
  }
}
