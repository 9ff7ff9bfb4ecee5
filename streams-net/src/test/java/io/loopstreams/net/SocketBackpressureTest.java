package io.loopstreams.net;

import static io.loopstreams.net.NetTestSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.stream.Stream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Backpressure both ways (Node's test-net-write-after-close / test-stream-pipe-await-drain idea on
 * a real socket): a paused reader makes the writer's write() return false; while the reader
 * stalls, the reader's buffered bytes (readable buffer plus bytes in transit from Netty) and the
 * writer's (writableLength plus Netty's outbound buffer) stay within the mark plus one chunk; after
 * resume, DRAIN comes and every byte arrives.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketBackpressureTest {

  private static final int MARK = 64 * 1024;
  private static final int CHUNK = 16 * 1024;
  /** Netty's largest read buffer (AdaptiveRecvByteBufAllocator's maximum). */
  private static final int NETTY_READ = 64 * 1024;

  @Test
  void aPausedReaderStopsTheWriterAndBothSidesStayWithinTheirMarks() {
    long[] r = new long[8];
    SocketOptions opts = SocketOptions.defaults().highWaterMark(MARK).allowHalfOpen(true);
    NetTestSupport.withServer(ServerOptions.defaults().connections(opts), reader -> {
      reader.pause();
      long[] received = {0};
      reader.onData(b -> received[0] += b.remaining());
      reader.pause();
      Socket[] writer = new Socket[1];
      // Poll the stalled state on the loop (no sleeps): check the bounds on every turn for a while.
      int[] turns = {0};
      Runnable[] watch = new Runnable[1];
      watch[0] = () -> {
        long readerHeld = reader.readableLength() + reader.inboundInTransit();
        r[0] = Math.max(r[0], readerHeld);
        r[1] = Math.max(r[1], reader.readableLength());
        if (++turns[0] < 300) {
          reader.loop().setTimeout(watch[0], 2);
        } else {
          r[4] = received[0];
          reader.resume();
        }
      };
      reader.loop().setTimeout(watch[0], 2);
      reader.on(Stream.END, () -> {
        r[5] = received[0];
        reader.end();
      });
    }, (server, port) -> {
      Socket w = Net.connect(HOST, port, opts);
      w.resume();
      long total = 32L * 1024 * 1024;
      long[] sent = {0};
      Runnable[] pump = new Runnable[1];
      pump[0] = () -> {
        while (sent[0] < total) {
          sent[0] += CHUNK;
          boolean more = w.write(ByteBuffer.allocate(CHUNK));
          r[2] = Math.max(r[2], w.writableLength());
          r[3] = Math.max(r[3], w.nettyOutboundBytes());
          if (!more) {
            r[6]++;
            w.once(Stream.DRAIN, pump[0]);
            return;
          }
        }
        w.end();
      };
      w.on(Socket.READY, pump[0]);
      w.on(Stream.CLOSE, server::close);
    });
    assertTrue(r[6] > 0, "write() never returned false");
    assertTrue(r[4] < 32L * 1024 * 1024, "the paused reader received everything: " + r[4]);
    assertTrue(r[0] <= MARK + NETTY_READ, "reader held " + r[0] + " bytes");
    assertTrue(r[1] <= MARK + NETTY_READ, "reader buffered " + r[1] + " bytes");
    assertTrue(r[2] <= MARK + CHUNK, "writer buffered " + r[2] + " bytes");
    // Netty holds only the batch in flight, which writableLength() already counts.
    assertTrue(r[3] <= MARK + CHUNK, "Netty held " + r[3] + " bytes");
    assertEquals(32L * 1024 * 1024, r[5]);
  }
}
