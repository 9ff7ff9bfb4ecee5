package io.loopstreams.cli;

import io.loopstreams.core.stream.Transform;
import io.loopstreams.net.Net;
import io.loopstreams.net.SocketOptions;
import io.loopstreams.net.TlsOptions;
import io.loopstreams.zlib.Zlib;
import io.loopstreams.zlib.ZlibOptions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline send FILE HOST:PORT}: streams FILE (or stdin) to a {@code pipeline recv},
 * optionally gzipped on the wire, followed by its length and SHA-256; exits 0 only when the
 * receiver answered that the whole file was verified and written.
 */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = PipelineCommand.Version.class,
    description = "Send FILE (- for stdin) to a 'pipeline recv' at HOST:PORT; exit 0 only once it confirmed.")
final class SendCommand extends BaseCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE")
  String file;

  @Parameters(index = "1", paramLabel = "HOST:PORT")
  String address;

  @Option(names = "--gzip", description = "Compress on the wire (parallel gzip, level 1..9 with --level).")
  boolean gzip;

  @Option(names = "--level", paramLabel = "N", description = "gzip level on the wire (default 1).")
  int level = 1;

  @Option(names = {"-p", "--processes"}, paramLabel = "N", description = "Compression threads (default: cores).")
  int processes = Runtime.getRuntime().availableProcessors();

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Shared secret the receiver requires (default: the PIPELINE_TOKEN environment variable).")
  String token;

  @Option(names = "--tls", description = "Connect with TLS, verifying the receiver's certificate.")
  boolean tls;

  @Option(names = "--tls-ca", paramLabel = "FILE",
      description = "Trust only these PEM roots for the receiver (default: the JDK's); implies --tls.")
  Path tlsCa;

  @Option(names = "--insecure", description = "Accept any receiver certificate (a warning is logged); implies --tls.")
  boolean insecure;

  @Option(names = "--tls-cert", paramLabel = "FILE", description = "Client certificate chain (PEM) to present; implies --tls.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "Private key of --tls-cert (PEM, PKCS#8).")
  Path tlsKey;

  @Override
  public Integer call() {
    int colon = address.lastIndexOf(':');
    if (colon <= 0) {
      throw CliFailure.usage("expected HOST:PORT, got " + address);
    }
    String host = address.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw CliFailure.usage("not a port: " + address.substring(colon + 1));
    }
    TlsOptions tlsOptions = tlsOptions();
    String secret = token != null ? token : System.getenv(RecvCommand.TOKEN_ENV);
    configurePool(gzip ? processes : 1);
    Input in = Input.of(file);
    checkInput(in);
    String name = in.path() == null ? "stdin" : in.path().getFileName().toString();
    Wire.Header header = new Wire.Header(gzip ? Wire.FLAG_GZIP : 0, secret, name);
    SocketOptions options = SocketOptions.defaults().allowHalfOpen(true).writableHighWaterMark(1 << 20).name(address);
    Output out = Output.socket(address, loop ->
        Net.connect(loop, host, port, tlsOptions == null ? options : options.tls(tlsOptions)));
    Digest[] digest = new Digest[1];
    Transfer t = new Transfer(in, out, () -> { }, head -> {
      List<Transform<ByteBuffer, ByteBuffer>> stages = new ArrayList<>();
      digest[0] = new Digest("sha256", null);
      stages.add(digest[0]);
      if (gzip) {
        stages.add(Zlib.gzip(ZlibOptions.defaults().level(level).parallelism(processes > 1 ? processes : 0)));
      }
      stages.add(new Framer(header, () -> digest[0].sum()));
      return stages;
    });
    return new Run(name(), common, List.of(t)).onSuccess(r -> {
      if (common.verbose && !common.quiet) {
        System.err.println("pipeline: send: " + in.label() + ": confirmed by " + address + " (" + out.answer() + ")");
      }
    }).execute();
  }

  /** The TLS settings, or null for plain TCP. */
  private TlsOptions tlsOptions() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw CliFailure.usage("--tls-cert and --tls-key go together");
    }
    if (tlsCa != null && insecure) {
      throw CliFailure.usage("--tls-ca and --insecure exclude each other");
    }
    if (!tls && tlsCa == null && !insecure && tlsCert == null) {
      return null;
    }
    TlsOptions o = TlsOptions.client();
    if (tlsCa != null) {
      o = o.ca(tlsCa);
    }
    if (insecure) {
      o = o.rejectUnauthorized(false);
    }
    return tlsCert == null ? o : o.certificate(tlsCert, tlsKey);
  }
}
