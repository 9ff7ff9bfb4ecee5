package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.fs.FileReadStream;
import io.loopstreams.fs.Fs;
import io.loopstreams.net.Net;
import io.loopstreams.net.Socket;
import io.loopstreams.net.SocketOptions;
import io.loopstreams.zlib.Zlib;
import io.loopstreams.zlib.ZlibOptions;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Sends a file over TCP, gzip-compressed on the wire: {@code ./run-example SendFile HOST PORT
 * FILE}, to a {@code ReceiveFile} listening there. One pipeline, file → gzip → socket: the
 * socket's backpressure holds the compressor, which holds the file reads, so memory stays at
 * the streams' marks whatever the file's size and the network's speed.
 */
public final class SendFile {

  private SendFile() {
  }

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: SendFile HOST PORT FILE");
      System.exit(2);
    }
    System.exit(run(args[0], Integer.parseInt(args[1]), Path.of(args[2]), System.out, System.err) ? 0 : 1);
  }

  /** Sends {@code file} to host:port; true once all of it was handed to the kernel and the FIN sent. */
  static boolean run(String host, int port, Path file, PrintStream out, PrintStream err) {
    boolean[] ok = {false};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(file);
      Socket socket = Net.connect(host, port, SocketOptions.defaults());
      socket.resume(); // the receiver sends nothing; reading its FIN lets our socket close
      Pipeline.from(in)
          .pipe(Zlib.gzip(ZlibOptions.defaults().level(6).parallelism(2)))
          .to(socket)
          .onComplete(e -> {
            ok[0] = e == null;
            if (e == null) {
              out.println("sent " + file + ": " + in.bytesRead() + " bytes as " + socket.bytesWritten()
                  + " compressed to " + host + ":" + port);
            } else {
              err.println("SendFile: " + e.getMessage());
            }
          });
    });
    return ok[0];
  }
}
