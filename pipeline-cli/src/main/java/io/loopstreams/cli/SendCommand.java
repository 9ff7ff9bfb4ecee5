package io.loopstreams.cli;

import io.loopstreams.core.stream.Transform;
import io.loopstreams.zlib.Zlib;
import io.loopstreams.zlib.ZlibOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
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

  @Override
  public Integer call() throws IOException {
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
    String secret = token != null ? token : System.getenv(RecvCommand.TOKEN_ENV);
    configurePool(gzip ? processes : 1);
    Input in = Input.of(file);
    SocketChannel socket;
    try {
      checkInput(in);
      socket = SocketChannel.open(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new CliFailure(address, "cannot connect: " + e.getMessage());
    }
    try (socket) {
      String name = in.path() == null ? "stdin" : in.path().getFileName().toString();
      Wire.Header header = new Wire.Header(gzip ? Wire.FLAG_GZIP : 0, secret, name);
      Output out = Output.channel(socket, address, () -> {
        socket.shutdownOutput();
        return null;
      });
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
      int code = new Run(name(), common, List.of(t)).execute();
      if (code != Main.OK) {
        return code;
      }
      String reply = readReply(socket);
      if (!reply.startsWith("OK")) {
        throw new CliFailure(address, reply.isEmpty()
            ? "the receiver closed the connection without confirming" : reply.replaceFirst("^ERR ", ""));
      }
      if (common.verbose && !common.quiet) {
        System.err.println("pipeline: send: " + in.label() + ": confirmed by " + address + " (" + reply + ")");
      }
      return Main.OK;
    }
  }

  /** The receiver's one line, read until end of stream (blocking, after the loop ended). */
  private static String readReply(SocketChannel socket) {
    try {
      byte[] all = socket.socket().getInputStream().readNBytes(512);
      return new String(all, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
