package io.loopstreams.cli;

import io.loopstreams.core.EventEmitter;
import io.loopstreams.core.Promise;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.net.Socket;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The receiver's one line ({@code OK <length>} or {@code ERR <message>}), collected on the
 * sender's socket from the start: it comes after the sender's half-close, or earlier when the
 * receiver refuses. Settles with the text read when the receiver ends, closes or fails
 * (empty: it answered nothing). Loop thread only.
 */
final class Reply {

  private static final int MAX = 512;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Promise.Resolvers<String> done;

  Reply(Socket socket) {
    done = Promise.withResolvers(socket.loop());
    socket.on(Stream.DATA, chunk -> {
      ByteBuffer b = ((ByteBuffer) chunk).duplicate();
      while (b.hasRemaining() && bytes.size() < MAX) {
        bytes.write(b.get());
      }
    });
    socket.on(Stream.END, this::settle);
    socket.on(Stream.CLOSE, this::settle);
    // after the pipeline let go of the socket, a reset must not become an uncaught error
    socket.on(EventEmitter.ERROR, e -> settle());
  }

  private void settle() {
    if (done.promise().isPending()) {
      done.resolve(new String(bytes.toByteArray(), StandardCharsets.UTF_8).trim());
    }
  }

  Promise<String> line() {
    return done.promise();
  }
}
