package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JavaIo}'s views: a blocking InputStream reading a Readable, and a blocking OutputStream
 * writing into a Writable, used by another thread while the loop runs. Java 17 has no virtual
 * threads: the reader is a platform thread (the view only blocks its caller, so a virtual thread
 * on Java 21+ works the same way).
 */
@org.junit.jupiter.api.Timeout(60)
class JavaIoViewsTest {

  private final EventLoop loop = EventLoop.create("views").start();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  /** Produces {@code total} bytes in 8 KiB chunks, one chunk per doRead; counts them. */
  static final class Producer extends Readable<ByteBuffer> {
    final long total;
    final AtomicLong produced = new AtomicLong();

    Producer(long total) {
      super(StreamOptions.bytes().highWaterMark(64 * 1024));
      this.total = total;
    }

    @Override
    protected void doRead(long size) {
      long p = produced.get();
      if (p == total) {
        push(null);
        return;
      }
      int n = (int) Math.min(8192, total - p);
      ByteBuffer b = ByteBuffer.allocate(n);
      for (int i = 0; i < n; i++) {
        b.put((byte) (p + i));
      }
      produced.addAndGet(n);
      // Produce asynchronously, as a socket would: the next chunk after a loop turn.
      loop().setImmediate(() -> push(b.flip()));
    }
  }

  @Test
  void anotherThreadReadsEverythingWhileTheLoopProducesWithinTheMark() throws Exception {
    long total = 8L << 20;
    Producer src = loop.call(() -> new Producer(total)).get();
    InputStream in = loop.call(() -> JavaIo.inputStream(src)).get();
    long read = 0;
    long maxAhead = 0;
    boolean intact = true;
    byte[] buf = new byte[1000];
    for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
      maxAhead = Math.max(maxAhead, src.produced.get() - read);
      for (int i = 0; i < n; i++) {
        intact &= buf[i] == (byte) (read + i);
      }
      read += n;
    }
    in.close();
    assertEquals(total, read);
    assertTrue(intact);
    // The source's mark (64 KiB) + one chunk in production + two in transit + the one being read.
    assertTrue(maxAhead <= 64 * 1024 + 5 * 8192, "read ahead " + maxAhead);
    assertTrue(loop.call(src::destroyed).get(), "autoDestroy after END");
  }

  @Test
  void closingTheInputStreamEarlyDestroysTheSource() throws Exception {
    Producer src = loop.call(() -> new Producer(Long.MAX_VALUE)).get();
    java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
    InputStream in = loop.call(() -> {
      src.on(Stream.CLOSE, () -> closed.complete(null));
      return JavaIo.inputStream(src);
    }).get();
    assertEquals(100, in.readNBytes(100).length);
    in.close();
    closed.get(10, TimeUnit.SECONDS);
    assertTrue(loop.call(src::destroyed).get());
    assertEquals(-1, in.read());
  }

  @Test
  void theSourcesErrorIsThrownByRead() throws Exception {
    InputStream in = loop.call(() -> {
      Readable<ByteBuffer> failing = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
          destroy(new IOException("socket reset"));
        }
      };
      return JavaIo.inputStream(failing);
    }).get();
    IOException e = assertThrows(IOException.class, in::read);
    assertEquals("socket reset", e.getMessage());
  }

  @Test
  void aReadOnTheLoopThreadFailsClearly() throws Exception {
    String message = loop.call(() -> {
      InputStream in = JavaIo.inputStream(new Producer(10));
      try {
        in.read();
        return "no error";
      } catch (IllegalStateException e) {
        return e.getMessage();
      }
    }).get();
    assertTrue(message.contains("on its own loop thread") && message.contains("another thread"), message);
  }

  /** A byte sink with a 16 KiB mark completing each write on a later turn; records its peak. */
  static final class SlowSink extends Writable<ByteBuffer> {
    final AtomicLong received = new AtomicLong();
    long maxBuffered;
    boolean intact = true;

    SlowSink() {
      super(StreamOptions.bytes().highWaterMark(16 * 1024));
    }

    @Override
    protected void doWrite(ByteBuffer chunk, Callback callback) {
      maxBuffered = Math.max(maxBuffered, writableLength());
      long r = received.get();
      for (int i = 0; i < chunk.remaining(); i++) {
        intact &= chunk.get(chunk.position() + i) == (byte) (r + i);
      }
      received.addAndGet(chunk.remaining());
      loop().setImmediate(() -> callback.done(null));
    }
  }

  @Test
  void anOutputStreamWritesIntoAWritableWithItsBackpressure() throws Exception {
    SlowSink sink = loop.call(SlowSink::new).get();
    java.util.concurrent.CompletableFuture<Void> finished = new java.util.concurrent.CompletableFuture<>();
    OutputStream out = loop.call(() -> {
      sink.on(Stream.FINISH, () -> finished.complete(null));
      return JavaIo.outputStream(sink);
    }).get();
    long total = 4L << 20;
    byte[] buf = new byte[3000];
    for (long written = 0; written < total; ) {
      int n = (int) Math.min(buf.length, total - written);
      for (int i = 0; i < n; i++) {
        buf[i] = (byte) (written + i);
      }
      out.write(buf, 0, n);
      written += n;
    }
    out.close();
    assertTrue(loop.call(sink::writableFinished).get(), "close() returns once finished");
    finished.get(10, TimeUnit.SECONDS);
    assertEquals(total, sink.received.get());
    assertTrue(loop.call(() -> sink.intact).get());
    // The writer waits for DRAIN: the sink never holds more than its mark plus one 16 KiB chunk.
    long peak = loop.call(() -> sink.maxBuffered).get();
    assertTrue(peak <= 32 * 1024, "buffered " + peak);
  }

  @Test
  void aDestroyedDestinationFailsTheNextWrite() throws Exception {
    SlowSink sink = loop.call(SlowSink::new).get();
    OutputStream out = loop.call(() -> JavaIo.outputStream(sink)).get();
    out.write(new byte[100]);
    out.flush();
    loop.call(() -> sink.destroy(new IOException("peer gone"))).get();
    IOException e = assertThrows(IOException.class, () -> {
      out.write(new byte[100]);
      out.flush();
    });
    assertEquals("peer gone", e.getMessage());
  }
}
