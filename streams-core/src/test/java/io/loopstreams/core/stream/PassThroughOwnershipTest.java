package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.PooledChunks.CHUNK;
import static io.loopstreams.core.stream.PooledChunks.assertAllBack;
import static io.loopstreams.core.stream.PooledChunks.concat;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@link PassThrough} forwards the ownership of pooled chunks (docs/buffers.md): between a
 * pooled source and a destination that adopts chunks the blocks still come back; a consumer of
 * the PassThrough that may keep chunks makes them shared; a subclass, which may keep what it is
 * given, forwards nothing; a destroyed PassThrough releases what it holds, once. Poison mode is
 * on: a block recycled too early would show in the bytes kept.
 */
class PassThroughOwnershipTest {

  private static final int BLOCKS = 6;

  private static PassThrough<ByteBuffer> passThrough() {
    return new PassThrough<>(StreamOptions.bytes().highWaterMark(4 * CHUNK));
  }

  /** Source → {@code passThroughs} PassThroughs → an adopting Sink; returns the sink. */
  private static Sink throughPassThroughs(BufferPool pool, int passThroughs) {
    Sink[] box = {null};
    EventLoop.run(loop -> {
      List<Stream> stages = new ArrayList<>();
      stages.add(new Source(pool, BLOCKS));
      for (int i = 0; i < passThroughs; i++) {
        stages.add(passThrough());
      }
      box[0] = new Sink();
      stages.add(box[0]);
      Pipeline.run(stages, e -> { });
    });
    return box[0];
  }

  @ParameterizedTest(name = "{0} PassThrough(s)")
  @ValueSource(ints = {1, 2})
  void passThroughsBetweenAPooledSourceAndAnAdoptingSinkLetEveryBlockGoBack(int passThroughs) {
    BufferPool pool = PooledChunks.pool();
    Sink sink = throughPassThroughs(pool, passThroughs);
    assertArrayEquals(expected(BLOCKS), sink.written.toByteArray());
    assertAllBack(pool, BLOCKS, BLOCKS, 0);
  }

  @Test
  void aDataListenerOnThePassThroughThatKeepsChunksKeepsTheirBlocks() {
    BufferPool pool = PooledChunks.pool();
    List<ByteBuffer> kept = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<ByteBuffer> p = passThrough();
      p.onData(kept::add);
      new Source(pool, BLOCKS).pipe(p);
    });
    // More pool traffic: a block recycled too early would now hold poison or other bytes.
    Sink[] again = {null};
    EventLoop.run(loop -> {
      again[0] = new Sink();
      Pipeline.run(new Source(pool, BLOCKS), again[0]);
    });
    assertArrayEquals(expected(BLOCKS), concat(kept));
    assertEquals(BLOCKS, pool.sharedBlocks(), pool.toString());
    assertEquals(BLOCKS, pool.recycledBlocks(), "only the second run's blocks");
    assertEquals(0, pool.outstandingBlocks(), pool.toString());
    pool.checkReleased();
  }

  @Test
  void aSubclassThatKeepsWhatItPassesForwardsNothing() {
    BufferPool pool = PooledChunks.pool();
    List<ByteBuffer> kept = new ArrayList<>();
    Sink[] box = {null};
    EventLoop.run(loop -> {
      PassThrough<ByteBuffer> peek = new PassThrough<>(StreamOptions.bytes().highWaterMark(4 * CHUNK)) {
        @Override
        protected void doTransform(ByteBuffer chunk, Callback callback) {
          kept.add(chunk);
          super.doTransform(chunk, callback);
        }
      };
      box[0] = new Sink();
      Pipeline.run(List.of(new Source(pool, BLOCKS), peek, box[0]), e -> { });
    });
    assertArrayEquals(expected(BLOCKS), box[0].written.toByteArray());
    assertArrayEquals(expected(BLOCKS), concat(kept));
    assertAllBack(pool, BLOCKS, 0, BLOCKS);
  }

  /** Adopts chunks and never finishes a write: everything before it backs up. */
  private static final class StuckSink extends Writable<ByteBuffer> {
    final ChunkLedger adopted = new ChunkLedger();

    StuckSink() {
      super(StreamOptions.bytes().highWaterMark(4 * CHUNK));
      adoptPooledChunks(adopted);
    }

    @Override
    protected void doWrite(ByteBuffer chunk, Callback callback) {
      // never calls back
    }

    @Override
    protected void doDestroy(Throwable error, Callback callback) {
      adopted.releaseAll();
      callback.done(error);
    }
  }

  @Test
  void aDestroyedPassThroughReleasesTheChunksItHoldsOnBothSidesOnce() {
    BufferPool pool = PooledChunks.pool();
    Throwable[] error = {null};
    long[] held = {0, 0};
    EventLoop.run(loop -> {
      PassThrough<ByteBuffer> p = passThrough();
      StuckSink sink = new StuckSink();
      // The sink takes one write and buffers to its mark; then the PassThrough's readable side
      // fills, then its writable side, and the pipe pauses the source. All destroyed then.
      Source src = new Source(pool, BLOCKS);
      src.once(Stream.PAUSE, () -> loop.setImmediate(() -> {
        held[0] = p.readableLength() / CHUNK;
        held[1] = p.writableLength() / CHUNK;
        p.destroy(new IllegalStateException("stop"));
        src.destroy();
        sink.destroy();
      }));
      src.pipe(p).pipe(sink);
      p.on(Stream.ERROR, e -> error[0] = e);
    });
    assertEquals("stop", error[0].getMessage());
    assertEquals(4, held[0]);
    assertEquals(4, held[1]); // the 4th chunk's write is held until a read, so it counts on both sides
    assertEquals(0, pool.outstandingBlocks(), pool.toString());
    assertEquals(pool.acquiredBlocks(), pool.recycledBlocks(), pool.toString());
    assertEquals(0, pool.sharedBlocks(), pool.toString());
    pool.checkReleased();
  }
}
