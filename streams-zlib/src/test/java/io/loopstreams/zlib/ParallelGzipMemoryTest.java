package io.loopstreams.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Writable;
import io.loopstreams.zlib.internal.ParallelGzip;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Parallel gzip under a slow consumer holds at most (parallelism + 2) blocks: the input arrays
 * (blocks in flight or queued for the compressors, the one being filled, spares: at most
 * 2 * parallelism + 2) and the stream's
 * readable and writable buffers together. Measured at every write the consumer sees, while 8 MiB go through in the
 * default 128 KiB blocks.
 */
class ParallelGzipMemoryTest {
  private static final int BLOCK = ZlibOptions.DEFAULT_BLOCK_SIZE;
  private static final int P = 3;
  private static final int CHUNK = 65536;

  @Test
  void aSlowConsumerHoldsAtMostTwiceParallelismPlusThreeBlocks() throws Exception {
    byte[] data = ZlibTestSupport.logData(8 << 20, 21);
    long[] maxBytes = {0};
    int[] maxBlocks = {0};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Throwable> done = new CompletableFuture<>();
    EventLoop.run(loop -> {
      ParallelGzip pg = (ParallelGzip) Zlib.gzip(ZlibOptions.defaults().parallelism(P).blockSize(BLOCK));
      Writable<ByteBuffer> slow = new Writable<>(StreamOptions.bytes().highWaterMark(1)) {
        @Override
        protected void doWrite(ByteBuffer chunk, Callback callback) {
          // The chunk being transformed (one source chunk, counted by writableLength) has
          // already been copied into a block: count its bytes once, in the block.
          long held = (long) pg.blocksHeld() * BLOCK + pg.readableLength()
              + Math.max(0, pg.writableLength() - CHUNK);
          maxBytes[0] = Math.max(maxBytes[0], held);
          maxBlocks[0] = Math.max(maxBlocks[0], pg.blocksHeld());
          byte[] a = new byte[chunk.remaining()];
          chunk.duplicate().get(a);
          out.writeBytes(a);
          loop.setTimeout(() -> callback.done(null), 1); // a consumer slower than the compressor
        }
      };
      Pipeline.run(List.of(Readable.from(ZlibTestSupport.chunks(data, CHUNK)), pg, slow), done::complete);
    });
    assertNull(done.getNow(new AssertionError("not settled")));
    assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(out.toByteArray())).readAllBytes());
    assertTrue(maxBlocks[0] <= 2 * P + 2, "blocks in flight or filling: " + maxBlocks[0]);
    // input blocks (in flight, queued, filling, spare), plus the compressed results that settle
    // together and are pushed past the readable mark at once: at most one per block in flight,
    // each under half its block for log text
    long bound = (long) (2 * P + 2) * BLOCK + (long) (2 * P + 1) * BLOCK / 2;
    assertTrue(maxBytes[0] <= bound, "held " + maxBytes[0] + " bytes, more than " + bound);
  }

  @Test
  void aConsumerThatNeverReadsStopsTheCuttingOfBlocks() {
    int[] pulled = {0};
    int[] held = {0};
    EventLoop.run(loop -> {
      ParallelGzip pg = (ParallelGzip) Zlib.gzip(ZlibOptions.defaults().parallelism(P).blockSize(BLOCK));
      Iterator<ByteBuffer> endless = new Iterator<>() {
        final byte[] chunk = ZlibTestSupport.logData(65536, 5);

        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public ByteBuffer next() {
          pulled[0]++;
          return ByteBuffer.wrap(chunk);
        }
      };
      Readable<ByteBuffer> src = Readable.from(endless);
      src.pipe(pg);
      loop.setTimeout(() -> {
        held[0] = pg.blocksHeld();
        src.destroy();
        pg.destroy();
      }, 300);
    });
    assertTrue(held[0] <= 2 * P + 2, "blocks held " + held[0]);
    // The source stops after a bounded number of chunks: the blocks in flight, the readable and
    // writable buffers, and the source's own buffer (16 objects, Readable.from's mark).
    assertTrue(pulled[0] < 40, "chunks pulled from an endless source: " + pulled[0]);
  }
}
