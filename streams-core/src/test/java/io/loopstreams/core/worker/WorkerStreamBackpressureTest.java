package io.loopstreams.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Duplex;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.core.stream.Writable;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pipeline crosses into a worker through a port's stream and comes back: the bytes arrive
 * intact, and while the worker's stage is slow the sender's buffered bytes stay at its mark
 * (after Node's test-stream-pipe-await-drain, across two loops).
 */
@Timeout(30)
class WorkerStreamBackpressureTest {

  static final int CHUNK = 16 * 1024;
  static final int CHUNKS = 256; // 4 MiB, 64 windows
  static final long MARK = 64 * 1024;

  /** The worker's side: everything read goes back, one chunk per millisecond at most. */
  static void slowEcho(WorkerContext ctx) {
    ctx.parentPort().once(MessagePort.MESSAGE, (Object m) -> {
      MessagePort port = (MessagePort) m;
      Duplex<ByteBuffer, ByteBuffer> s = port.stream(MARK);
      EventLoop loop = ctx.loop();
      AtomicLong maxReadable = new AtomicLong();
      Transform<ByteBuffer, ByteBuffer> slow = new Transform<>(StreamOptions.bytes()) {
        @Override
        protected void doTransform(ByteBuffer chunk, Callback callback) {
          maxReadable.accumulateAndGet(s.readableLength(), Math::max);
          loop.setTimeout(() -> {
            push(chunk);
            callback.done(null);
          }, 1);
        }
      };
      s.pipe(slow).pipe(s);
      slow.on(Stream.END, () -> {
        ctx.parentPort().postMessage(maxReadable.get());
        ctx.parentPort().close();
      });
    });
  }

  @Test
  void theSendersBufferStaysAtItsMarkWhileTheWorkersStageIsSlow() {
    CRC32 sent = new CRC32();
    CRC32 received = new CRC32();
    AtomicLong receivedBytes = new AtomicLong();
    AtomicLong maxSenderBuffered = new AtomicLong();
    AtomicLong drains = new AtomicLong();
    AtomicLong workerMaxReadable = new AtomicLong(-1);
    EventLoop.run(loop -> {
      MessageChannel ch = new MessageChannel();
      Worker w = Worker.start(WorkerStreamBackpressureTest::slowEcho);
      w.on(Worker.MESSAGE, (Object m) -> workerMaxReadable.set((Long) m));
      w.postMessage(ch.port2(), ch.port2());
      Duplex<ByteBuffer, ByteBuffer> s = ch.port1().stream(MARK);
      Readable<ByteBuffer> source = Readable.from(chunks(sent), StreamOptions.bytes());
      source.on(Stream.DATA, (Object c) ->
          maxSenderBuffered.accumulateAndGet(s.writableLength() + source.readableLength(), Math::max));
      s.on(Stream.DRAIN, () -> drains.incrementAndGet());
      source.pipe(s);
      s.pipe(Writable.<ByteBuffer>create(StreamOptions.bytes(), (chunk, cb) -> {
        receivedBytes.addAndGet(chunk.remaining());
        received.update(chunk);
        cb.done(null);
      }));
    });
    assertEquals((long) CHUNK * CHUNKS, receivedBytes.get());
    assertEquals(sent.getValue(), received.getValue());
    assertTrue(drains.get() > 10, "the sender waited for the worker: drains " + drains.get());
    // the source's buffer plus the port stream's writable buffer: two marks and a chunk at most
    assertTrue(maxSenderBuffered.get() <= 2 * MARK + CHUNK, "sender buffered " + maxSenderBuffered);
    // the worker's readable side holds at most its window plus one chunk
    assertTrue(workerMaxReadable.get() >= 0 && workerMaxReadable.get() <= MARK + CHUNK,
        "worker buffered " + workerMaxReadable);
  }

  private static Iterator<ByteBuffer> chunks(CRC32 crc) {
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < CHUNKS;
      }

      @Override
      public ByteBuffer next() {
        byte[] b = new byte[CHUNK];
        java.util.Arrays.fill(b, (byte) (i * 31 + 7));
        b[0] = (byte) i;
        i++;
        crc.update(b);
        return ByteBuffer.wrap(b);
      }
    };
  }
}
