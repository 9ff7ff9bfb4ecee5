package io.loopstreams.cli;

import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.net.Socket;
import io.loopstreams.net.TlsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pipeline recv --port P}: accepts one transfer from {@code pipeline send}, writes it
 * atomically, checks its length and SHA-256 before the rename, answers {@code OK}, and exits.
 * Binds 127.0.0.1 unless {@code --host}; on any other address a token (or TLS with a required
 * client certificate) is required, and a sender without the right one is refused, logged, and
 * the receiver keeps waiting ({@link Acceptor}).
 */
@Command(name = "recv", mixinStandardHelpOptions = true, versionProvider = PipelineCommand.Version.class,
    description = "Receive one file from 'pipeline send', verify it, write it atomically, exit.")
final class RecvCommand extends BaseCommand implements Callable<Integer> {

  static final String TOKEN_ENV = "PIPELINE_TOKEN";

  @Option(names = "--port", required = true, paramLabel = "P", description = "Port to listen on (0: any free one).")
  int port;

  @Option(names = "--host", paramLabel = "H", description = "Address to bind (default 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write to OUT (default: the sender's file name).")
  Path output;

  @Option(names = {"-c", "--stdout"}, description = "Write to standard output.")
  boolean toStdout;

  @Option(names = {"-f", "--force"}, description = "Overwrite an existing output.")
  boolean force;

  @Option(names = "--gunzip", description = "Accepted for symmetry: a gzipped transfer is always decompressed.")
  boolean gunzip;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Shared secret senders must present (default: the PIPELINE_TOKEN environment variable); "
          + "required unless bound to a loopback address.")
  String token;

  @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve TLS with this certificate chain (PEM).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "Private key of --tls-cert (PEM, PKCS#8).")
  Path tlsKey;

  @Option(names = "--tls-ca", paramLabel = "FILE", description = "PEM roots that sign accepted client certificates.")
  Path tlsCa;

  @Option(names = "--require-client-cert",
      description = "Refuse TLS senders without a client certificate signed by --tls-ca; "
          + "stands in for a token on a non-loopback address.")
  boolean requireClientCert;

  @Override
  public Integer call() throws IOException {
    String secret = token != null ? token : System.getenv(TOKEN_ENV);
    TlsOptions tls = tlsOptions();
    boolean tokenSet = secret != null && !secret.isEmpty();
    if (!InetAddress.getByName(host).isLoopbackAddress() && !tokenSet && !requireClientCert) {
      throw CliFailure.usage("listening on " + host + " needs a token (--token or " + TOKEN_ENV + ")");
    }
    configurePool(2);
    List<Transfer> transfers = new ArrayList<>();
    return new Run(name(), common, transfers)
        .prepare(loop -> Acceptor.listen(loop, host, port, tls, secret).map(a -> {
          transfers.add(transfer(a));
          return null;
        }))
        .onSuccess(r -> {
          if (common.verbose && !common.quiet) {
            System.err.println("pipeline: recv: " + r.output() + ": " + r.bytesOut() + " bytes from "
                + r.input() + ", SHA-256 verified");
          }
        }).execute();
  }

  /** The TLS settings, or null for plain TCP. */
  private TlsOptions tlsOptions() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw CliFailure.usage("--tls-cert and --tls-key go together");
    }
    if ((tlsCa != null || requireClientCert) && tlsCert == null) {
      throw CliFailure.usage("--tls-ca and --require-client-cert need --tls-cert and --tls-key");
    }
    if (requireClientCert && tlsCa == null) {
      throw CliFailure.usage("--require-client-cert needs --tls-ca (the roots that sign client certificates)");
    }
    if (tlsCert == null) {
      return null;
    }
    TlsOptions o = TlsOptions.server(tlsCert, tlsKey);
    if (tlsCa != null) {
      o = o.ca(tlsCa);
    }
    return o.requestCert(requireClientCert);
  }

  /** The accepted sender's transfer: deframe, gunzip if it said so, verify, write; then answer. */
  private Transfer transfer(Acceptor.Accepted a) {
    Socket socket = a.socket();
    Wire.Header header = a.header();
    Input in = Input.stream(socket, a.peer());
    String name = Path.of(header.name().isEmpty() ? "received" : header.name()).getFileName().toString();
    Output out = toStdout ? Output.stdout() : Output.file(output != null ? output : Path.of(name), force);
    Deframer[] frames = new Deframer[1];
    return new Transfer(in, out, () -> out.check(in, false, true), head -> {
      List<Transform<ByteBuffer, ByteBuffer>> stages = new ArrayList<>();
      frames[0] = new Deframer();
      stages.add(frames[0]);
      if ((header.flags() & Wire.FLAG_GZIP) != 0) {
        stages.add(Format.GZIP.decompressor());
      }
      stages.add(new Digest("sha256", () -> frames[0].trailer()));
      return stages;
    }).whenDone(r -> answer(socket, r.ok() ? "OK " + frames[0].trailer().length()
        : "ERR the receiver failed (see its log)"));
  }

  /** Answers the sender and lets it finish: anything it still sends is read and dropped. */
  private static void answer(Socket socket, String line) {
    if (socket.destroyed()) {
      return; // the sender is gone, or the failed pipeline closed it: it fails on its side
    }
    socket.on(EventEmitter.ERROR, e -> { });
    socket.end(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
    socket.on(Stream.DATA, chunk -> { });
    socket.resume();
  }
}
