package io.loopstreams.cli;

import io.loopstreams.core.stream.Transform;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pipeline recv --port P}: accepts one transfer from {@code pipeline send}, writes it
 * atomically, checks its length and SHA-256 before the rename, answers {@code OK}, and exits.
 * Binds 127.0.0.1 unless {@code --host}; on any other address a token is required, and a
 * sender without the right one is refused, logged, and the receiver keeps waiting.
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

  @Override
  public Integer call() throws IOException {
    String secret = token != null ? token : System.getenv(TOKEN_ENV);
    InetAddress bind = InetAddress.getByName(host);
    if (!bind.isLoopbackAddress() && (secret == null || secret.isEmpty())) {
      throw CliFailure.usage("listening on " + host + " needs a token (--token or " + TOKEN_ENV + ")");
    }
    configurePool(2);
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(bind, port));
      InetSocketAddress local = (InetSocketAddress) server.getLocalAddress();
      System.err.println("pipeline: recv: listening on " + local.getAddress().getHostAddress() + ":" + local.getPort());
      while (true) {
        SocketChannel socket = server.accept();
        try (socket) {
          String peer = socket.getRemoteAddress().toString().replaceFirst("^/", "");
          Wire.Header header;
          try {
            header = Wire.Header.read(Channels.newInputStream(socket));
          } catch (IOException | CliFailure e) {
            refuse(socket, peer, ErrorText.of(e, null));
            continue;
          }
          if (secret != null && !secret.isEmpty() && !MessageDigest.isEqual(
              secret.getBytes(StandardCharsets.UTF_8), header.token().getBytes(StandardCharsets.UTF_8))) {
            refuse(socket, peer, header.token().isEmpty() ? "missing token" : "wrong token");
            continue;
          }
          return receive(socket, peer, header);
        }
      }
    }
  }

  private int receive(SocketChannel socket, String peer, Wire.Header header) {
    Input in = Input.channel(socket, peer);
    String name = Path.of(header.name().isEmpty() ? "received" : header.name()).getFileName().toString();
    Output out = toStdout ? Output.stdout() : Output.file(output != null ? output : Path.of(name), force);
    Deframer[] frames = new Deframer[1];
    Transfer t = new Transfer(in, out, () -> out.check(in, false, true), head -> {
      List<Transform<ByteBuffer, ByteBuffer>> stages = new ArrayList<>();
      frames[0] = new Deframer();
      stages.add(frames[0]);
      if ((header.flags() & Wire.FLAG_GZIP) != 0) {
        stages.add(Format.GZIP.decompressor());
      }
      stages.add(new Digest("sha256", () -> frames[0].trailer()));
      return stages;
    });
    int code = new Run(name(), common, List.of(t)).onSuccess(r -> {
      if (common.verbose && !common.quiet) {
        System.err.println("pipeline: recv: " + r.output() + ": " + r.bytesOut() + " bytes from " + peer + ", SHA-256 verified");
      }
    }).execute();
    reply(socket, code == Main.OK ? "OK " + (frames[0] == null || frames[0].trailer() == null ? 0
        : frames[0].trailer().length()) : "ERR the receiver failed (see its log)");
    return code;
  }

  private void refuse(SocketChannel socket, String peer, String why) {
    System.err.println("pipeline: recv: refused " + peer + ": " + why);
    reply(socket, "ERR refused: " + why);
  }

  private static void reply(SocketChannel socket, String line) {
    try {
      socket.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
      socket.shutdownOutput();
    } catch (IOException e) {
      // the sender is gone: it cannot be told, and it already failed on its side
    }
  }
}
