package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.fs.FileWriteStream;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.WriteOptions;
import io.loopstreams.net.Net;
import io.loopstreams.net.Server;
import io.loopstreams.net.ServerOptions;
import io.loopstreams.zlib.Zlib;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Receives one file sent by {@code SendFile}: {@code ./run-example ReceiveFile PORT DEST} listens
 * on 127.0.0.1:PORT (0 picks a free port, printed first), takes one connection and writes what
 * arrives, gunzipped, to DEST: socket → gunzip → file. DEST is written atomically, so a broken
 * connection or corrupt data leaves no half file behind.
 */
public final class ReceiveFile {

  private ReceiveFile() {
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ReceiveFile PORT DEST");
      System.exit(2);
    }
    System.exit(run(Integer.parseInt(args[0]), Path.of(args[1]), System.out, System.err) ? 0 : 1);
  }

  /** Receives one file into {@code dest}; true when it arrived complete. */
  static boolean run(int port, Path dest, PrintStream out, PrintStream err) {
    boolean[] ok = {false};
    EventLoop.run(loop -> {
      Server[] server = new Server[1];
      server[0] = Net.createServer(ServerOptions.defaults(), socket -> {
        server[0].close(); // one file: accept no other connection; this one carries on
        FileWriteStream file = Fs.createWriteStream(dest, WriteOptions.defaults().atomic(true));
        Pipeline.from(socket).pipe(Zlib.gunzip()).to(file).onComplete(e -> {
          ok[0] = e == null;
          if (e == null) {
            out.println("received " + dest + ": " + file.bytesWritten() + " bytes from "
                + socket.bytesRead() + " compressed");
          } else {
            err.println("ReceiveFile: " + e.getMessage());
          }
        });
      });
      server[0].listen(port, "127.0.0.1").then(address -> {
        out.println("listening on 127.0.0.1:" + address.getPort());
        return null;
      }, e -> {
        err.println("ReceiveFile: " + e.getMessage());
        return null;
      });
    });
    return ok[0];
  }
}
