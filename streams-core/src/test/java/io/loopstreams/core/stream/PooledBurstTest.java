package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.PooledChunks.CHUNK;
import static io.loopstreams.core.stream.PooledChunks.assertAllBack;
import static io.loopstreams.core.stream.PooledChunks.expected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.buffer.BufferPool;
import io.loopstreams.core.buffer.ChunkLedger;
import io.loopstreams.core.stream.PooledChunks.Sink;
import io.loopstreams.core.stream.PooledChunks.Source;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bursts ({@code beginBurst}/{@code endBurst}): the chunks of one pooled block, pushed at once,
 * reach a destination that adopts them and writes batches in one {@code doWritev}, as if the
 * pipe had corked it around them. The flow of chunks buffered while the pipe was paused is a
 * burst too. A destination without {@code doWritev} is never corked: it sees Node's order.
 */
class PooledBurstTest {

  private static final int BLOCKS = 6;

  /** Pipes BLOCKS blocks into a Sink whose mark is {@code markChunks} chunks; returns the sink. */
  private static Sink run(BufferPool pool, int markChunks, boolean bursts) {
    Sink[] box = {null};
    EventLoop.run(loop -> {
      Source src = new Source(pool, BLOCKS);
      src.bursts = bursts;
      box[0] = new Sink(markChunks);
      Pipeline.run(src, box[0]);
    });
    Sink sink = box[0];
    assertArrayEquals(expected(BLOCKS), sink.written.toByteArray());
    assertAllBack(pool, BLOCKS, BLOCKS, 0);
    return sink;
  }

  @Test
  void aBlockPushedInOneBurstReachesABatchingDestinationInOneWrite() {
    BufferPool pool = PooledChunks.pool();
    Sink sink = run(pool, 4, true);
    assertEquals(Collections.nCopies(BLOCKS, 4), sink.batches);
  }

  @Test
  void withoutPushBurstsTheFirstBlockGoesAsOneChunkThenThreeAndTheRestFlowAsBursts() {
    // The first block finds the destination idle: its first chunk is written alone, the other
    // three wait for that write. Its fourth chunk fills the mark and pauses the pipe, so every
    // later block waits in the source and flows out after DRAIN: a burst of its own.
    BufferPool pool = PooledChunks.pool();
    Sink sink = run(pool, 4, false);
    assertEquals(List.of(1, 3, 4, 4, 4, 4, 4), sink.batches);
  }

  @Test
  void chunksBufferedWhileThePipeWasPausedFlowToTheDestinationInOneWrite() {
    // A mark of two chunks: the pipe pauses after the second chunk of each block; the other two
    // wait in the source and flow out after DRAIN.
    BufferPool pool = PooledChunks.pool();
    Sink sink = run(pool, 2, true);
    assertEquals(Collections.nCopies(2 * BLOCKS, 2), sink.batches);
  }

  @Test
  void aBurstPassesThroughAPassThroughToTheBatchingDestinationBehindIt() {
    BufferPool pool = PooledChunks.pool();
    Sink[] box = {null};
    EventLoop.run(loop -> {
      box[0] = new Sink(4);
      PassThrough<ByteBuffer> p = new PassThrough<>(StreamOptions.bytes().highWaterMark(4 * CHUNK));
      Pipeline.run(List.of(new Source(pool, BLOCKS), p, box[0]), e -> { });
    });
    assertArrayEquals(expected(BLOCKS), box[0].written.toByteArray());
    assertAllBack(pool, BLOCKS, BLOCKS, 0);
    assertEquals(Collections.nCopies(BLOCKS, 4), box[0].batches);
  }

  /** Adopts chunks, writes one at a time (no doWritev) and completes at once. */
  private static final class OneByOne extends Writable<ByteBuffer> {
    final ChunkLedger adopted = new ChunkLedger();
    final List<String> log;
    int written;

    OneByOne(List<String> log) {
      super(StreamOptions.bytes().highWaterMark(4 * CHUNK));
      this.log = log;
      adoptPooledChunks(adopted);
    }

    @Override
    protected void doWrite(ByteBuffer chunk, Callback callback) {
      log.add("write " + written++ + (writableCorked() > 0 ? " corked" : ""));
      adopted.release(chunk);
      callback.done(null);
    }

    @Override
    protected void doDestroy(Throwable error, Callback callback) {
      adopted.releaseAll();
      callback.done(error);
    }
  }

  @Test
  void aDestinationWithoutBatchWritesIsNotCorkedAndGetsEachChunkAsItIsPushed() {
    BufferPool pool = PooledChunks.pool();
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      Source src = new Source(pool, 2);
      int[] seen = {0};
      OneByOne sink = new OneByOne(log);
      Pipeline.run(src, sink);
      // After the pipe's listener: each chunk is logged once the destination had it.
      src.onData((ChunkObserver<ByteBuffer>) b -> log.add("data " + seen[0]++));
    });
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      expected.add("write " + i);
      expected.add("data " + i);
    }
    assertEquals(expected, log);
    assertEquals(2, pool.recycledBlocks(), pool.toString());
    assertEquals(0, pool.outstandingBlocks(), pool.toString());
  }

  @Test
  void destroyingTheDestinationInsideABurstReleasesEveryBlockOnceAndWritesNothingMore() {
    BufferPool pool = PooledChunks.pool();
    Throwable[] error = {null};
    Sink[] box = {null};
    EventLoop.run(loop -> {
      Source src = new Source(pool, BLOCKS);
      Sink sink = new Sink(4);
      box[0] = sink;
      int[] n = {0};
      src.onData((ChunkObserver<ByteBuffer>) b -> {
        if (++n[0] == 6) {
          sink.destroy(new IllegalStateException("stop")); // chunks 5 and 6 are corked in it
        }
      });
      Pipeline.run(List.of(src, sink), e -> error[0] = e);
    });
    assertEquals("stop", error[0].getMessage());
    assertEquals(List.of(4), box[0].batches);
    assertArrayEquals(java.util.Arrays.copyOf(expected(BLOCKS), 4 * CHUNK), box[0].written.toByteArray());
    assertEquals(0, pool.outstandingBlocks(), pool.toString());
    assertEquals(pool.acquiredBlocks(), pool.recycledBlocks() + pool.sharedBlocks(), pool.toString());
    pool.checkReleased();
  }
}
