package io.loopstreams.net;

import static io.loopstreams.net.NetTestSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** 100 MiB file → TLS socket → TLS socket → file through {@link Pipeline} on both ends. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsFileTransferTest {

  private static final long SIZE = 100L << 20;

  @TempDir
  Path dir;

  @Test
  void aHundredMebibytesCrossATlsConnectionWithTheSameSha256() throws Exception {
    TestCerts certs = TestCerts.create(Files.createDirectories(dir.resolve("certs")), "localhost", "127.0.0.1");
    Path src = SocketFileTransferTest.randomFile(dir.resolve("src.bin"), SIZE);
    Path dst = dir.resolve("dst.bin");
    Throwable[] results = {new AssertionError("sender did not settle"), new AssertionError("receiver did not settle")};
    long[] bytes = new long[2];
    ServerOptions server = ServerOptions.defaults().tls(TlsOptions.server(certs.serverCert, certs.serverKey));
    NetTestSupport.withServer(server, in -> {
      Stream sink = Fs.createWriteStream(dst, WriteOptions.defaults().atomic(true));
      Pipeline.run(List.of(in, sink), e -> {
        results[1] = e;
        bytes[1] = in.bytesRead();
      });
    }, (srv, port) -> {
      Socket out = Net.connectSecure(HOST, port, TlsOptions.client().ca(certs.ca), SocketOptions.defaults());
      Pipeline.run(List.of(Fs.createReadStream(src), out), e -> {
        results[0] = e;
        bytes[0] = out.bytesWritten();
        srv.close();
      });
    });
    assertNull(results[0]);
    assertNull(results[1]);
    assertEquals(SIZE, Files.size(dst));
    assertArrayEquals(SocketFileTransferTest.sha256(src), SocketFileTransferTest.sha256(dst));
    // bytesRead/bytesWritten count the plaintext the streams carried (TLS records aside).
    assertEquals(List.of(SIZE, SIZE), List.of(bytes[0], bytes[1]));
  }
}
