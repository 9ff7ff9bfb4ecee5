package io.loopstreams.core.stream;

import static io.loopstreams.core.stream.PooledChunks.CHUNK;
import static io.loopstreams.core.stream.PooledChunks.assertAllBack;
import static io.loopstreams.core.stream.PooledChunks.concat;
import static io.loopstreams.core.stream.PooledChunks.expected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Listener;
import io.loopstreams.core.buffer.BufferPool;
import io.loopstreams.core.buffer.ChunkLedger;
import io.loopstreams.core.reactive.ReactiveStreams;
import io.loopstreams.core.stream.PooledChunks.Sink;
import io.loopstreams.core.stream.PooledChunks.Source;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Who may recycle a pooled chunk (docs/buffers.md): only a sole pipe into a destination that
 * adopts chunks, with ChunkObservers beside it. A DATA listener, a second destination, a user
 * map, {@code read()} by user code and the Reactive Streams adapter each keep the blocks out of
 * the pool, and what they kept still holds its bytes after the pipeline ended (the test run
 * poisons released buffers, so a recycled one would read 0xA5). Errors and destroy release every
 * block once: a second release throws, a lost one stays outstanding.
 */
class PooledChunkOwnershipTest {

  private static final int BLOCKS = 6;

  /** Runs a loop that pipes the source {@code make} returns into a new Sink; returns the sink. */
  private static Sink pipeIntoSink(Function<EventLoop, Readable<ByteBuffer>> make) {
    Sink[] box = {null};
    EventLoop.run(loop -> {
      box[0] = new Sink();
      Pipeline.run(make.apply(loop), box[0]);
    });
    return box[0];
  }

  @Test
  void aSolePipeIntoAnAdoptingSinkSendsEveryBlockBack() {
    BufferPool pool = PooledChunks.pool();
    Sink sink = pipeIntoSink(loop -> new Source(pool, BLOCKS));
    assertArrayEquals(expected(BLOCKS), sink.written.toByteArray());
    assertAllBack(pool, BLOCKS, BLOCKS, 0);
  }

  @Test
  void aChunkObserverBesideThePipeKeepsRecyclingOn() {
    BufferPool pool = PooledChunks.pool();
    long[] seen = {0};
    Sink sink = pipeIntoSink(loop -> {
      Source src = new Source(pool, BLOCKS);
      src.onData((ChunkObserver<ByteBuffer>) b -> seen[0] += b.remaining());
      return src;
    });
    assertEquals(expected(BLOCKS).length, seen[0]);
    assertArrayEquals(expected(BLOCKS), sink.written.toByteArray());
    assertAllBack(pool, BLOCKS, BLOCKS, 0);
  }

  @Test
  void aDataListenerThatKeepsChunksKeepsTheirBlocksOutOfThePool() {
    BufferPool pool = PooledChunks.pool();
    List<ByteBuffer> kept = new ArrayList<>();
    Sink sink = pipeIntoSink(loop -> {
      Source src = new Source(pool, BLOCKS);
      src.onData(kept::add);
      return src;
    });
    assertArrayEquals(expected(BLOCKS), sink.written.toByteArray());
    assertArrayEquals(expected(BLOCKS), concat(kept));
    assertAllBack(pool, BLOCKS, 0, BLOCKS);
  }

  @Test
  void twoPipeDestinationsRecycleNothingAndBothGetEveryByte() {
    BufferPool pool = PooledChunks.pool();
    Sink[][] box = {null};
    EventLoop.run(loop -> {
      Source src = new Source(pool, BLOCKS);
      Sink a = new Sink();
      Sink b = new Sink();
      src.pipe(a);
      src.pipe(b);
      box[0] = new Sink[] {a, b};
    });
    Sink[] sinks = box[0];
    assertArrayEquals(expected(BLOCKS), sinks[0].written.toByteArray());
    assertArrayEquals(expected(BLOCKS), sinks[1].written.toByteArray());
    assertAllBack(pool, BLOCKS, 0, BLOCKS);
  }

  @Test
  void aUserMapThatKeepsItsInputKeepsTheBlocks() {
    BufferPool pool = PooledChunks.pool();
    List<ByteBuffer> kept = new ArrayList<>();
    Sink sink = pipeIntoSink(loop -> {
      // One chunk per block: the map's read() returns the pooled chunk itself, not a copy.
      Readable<ByteBuffer> mapped = new Source(pool, BLOCKS * PooledChunks.CHUNKS_PER_BLOCK, 1).map(b -> {
        kept.add(b);
        return b;
      });
      return mapped;
    });
    assertArrayEquals(expected(BLOCKS), sink.written.toByteArray());
    assertArrayEquals(expected(BLOCKS), concat(kept));
    assertEquals(0, pool.recycledBlocks(), pool.toString());
    assertEquals(BLOCKS * PooledChunks.CHUNKS_PER_BLOCK, pool.sharedBlocks(), pool.toString());
    assertEquals(0, pool.outstandingBlocks(), pool.toString());
  }

  @Test
  void aUserMapGivenCopiesByReadLetsTheBlocksGoBack() {
    BufferPool pool = PooledChunks.pool();
    List<ByteBuffer> kept = new ArrayList<>();
    Sink[] box = {null};
    EventLoop.run(loop -> {
      // Four chunks buffered at once: read() concatenates them into a fresh buffer (as Node's
      // paused read() does), so the map keeps copies and the pooled chunks were seen by nobody.
      Readable<ByteBuffer> mapped = new Source(pool, BLOCKS).map(b -> {
        kept.add(b);
        return b;
      });
      Sink s = new Sink();
      Pipeline.run(mapped, s);
      box[0] = s;
    });
    assertArrayEquals(expected(BLOCKS), box[0].written.toByteArray());
    assertArrayEquals(expected(BLOCKS), concat(kept));
    assertTrue(kept.stream().noneMatch(ByteBuffer::isDirect));
    assertAllBack(pool, BLOCKS, BLOCKS, 0);
  }

  @Test
  void chunksReturnedByReadToUserCodeAreNeverRecycled() {
    BufferPool pool = PooledChunks.pool();
    List<ByteBuffer> kept = new ArrayList<>();
    EventLoop.run(loop -> {
      Source src = new Source(pool, BLOCKS);
      src.on(Stream.READABLE, () -> {
        for (ByteBuffer b; (b = src.read(CHUNK)) != null; ) {
          kept.add(b);
        }
      });
    });
    assertArrayEquals(expected(BLOCKS), concat(kept));
    assertAllBack(pool, BLOCKS, 0, BLOCKS);
  }

  @Test
  void aReactiveSubscriberKeepsTheBlocks() {
    BufferPool pool = PooledChunks.pool();
    List<ByteBuffer> kept = new ArrayList<>();
    EventLoop.run(loop -> {
      Flux.from(ReactiveStreams.toPublisher(new Source(pool, BLOCKS))).subscribe(kept::add);
    });
    assertArrayEquals(expected(BLOCKS), concat(kept));
    assertAllBack(pool, BLOCKS, 0, BLOCKS);
  }

  @Test
  void aListenerAddedAndRemovedMidStreamSharesOnlyTheBlocksItSaw() {
    BufferPool pool = PooledChunks.pool();
    List<ByteBuffer> kept = new ArrayList<>();
    Sink sink = pipeIntoSink(loop -> {
      Source src = new Source(pool, BLOCKS);
      Listener<Object> keep = c -> kept.add((ByteBuffer) c);
      int[] n = {0};
      src.onData((ChunkObserver<ByteBuffer>) b -> {
        n[0]++;
        if (n[0] == 5) {
          src.on(Stream.DATA, keep); // from the 6th chunk (block 2) on
        } else if (n[0] == 12) {
          src.off(Stream.DATA, keep); // the emission under way still reaches it (as in Node)
        }
      });
      return src;
    });
    assertArrayEquals(expected(BLOCKS), sink.written.toByteArray());
    assertEquals(7, kept.size()); // chunks 6 to 12: the ends of block 2, all of block 3
    assertArrayEquals(Arrays.copyOfRange(expected(BLOCKS), 5 * CHUNK, 12 * CHUNK), concat(kept));
    assertAllBack(pool, BLOCKS, BLOCKS - 2, 2);
  }

  @Test
  void aSinkThatFailsMidStreamReleasesEveryBlockOnce() {
    BufferPool pool = PooledChunks.pool();
    Throwable[] error = {null};
    Sink[] box = {null};
    EventLoop.run(loop -> {
      Sink s = new Sink();
      s.failAt = 9;
      Pipeline.run(List.of(new Source(pool, BLOCKS), s), e -> error[0] = e);
      box[0] = s;
    });
    Sink sink = box[0];
    assertNotNull(error[0]);
    assertEquals("disk full at chunk 9", error[0].getMessage());
    assertArrayEquals(Arrays.copyOf(expected(BLOCKS), 9 * CHUNK), sink.written.toByteArray());
    assertEquals(0, pool.sharedBlocks(), pool.toString());
    assertEquals(0, pool.outstandingBlocks(), pool.toString());
    assertEquals(pool.acquiredBlocks(), pool.recycledBlocks());
    assertTrue(pool.acquiredBlocks() < BLOCKS, pool.toString());
    pool.checkReleased();
  }

  @Test
  void destroyingTheSinkWhileAWriteIsInFlightReleasesEachBlockOnce() {
    BufferPool pool = PooledChunks.pool();
    Throwable[] error = {null};
    EventLoop.run(loop -> {
      Source src = new Source(pool, BLOCKS);
      Sink s = new Sink();
      int[] n = {0};
      src.onData((ChunkObserver<ByteBuffer>) b -> {
        if (++n[0] == 7) {
          s.destroy(new IllegalStateException("stop")); // chunk 7 is being written, more buffered
        }
      });
      Pipeline.run(List.of(src, s), e -> error[0] = e);
    });
    assertEquals("stop", error[0].getMessage());
    assertEquals(0, pool.outstandingBlocks(), pool.toString());
    assertEquals(pool.acquiredBlocks(), pool.recycledBlocks() + pool.sharedBlocks());
    pool.checkReleased();
  }

  @Test
  void aDestroyedSourceReleasesTheChunksItStillBuffers() {
    BufferPool pool = PooledChunks.pool();
    EventLoop.run(loop -> {
      Source src = new Source(pool, BLOCKS);
      src.read(0); // one block read ahead into the paused buffer
      src.on(Stream.READABLE, () -> {
        assertEquals(4L * CHUNK, src.readableLength());
        src.destroy();
      });
    });
    assertEquals(1, pool.acquiredBlocks());
    assertEquals(1, pool.recycledBlocks());
    assertEquals(0, pool.outstandingBlocks());
  }

  @Test
  void aPartialReadSharesTheBlockItCutInto() {
    BufferPool pool = PooledChunks.pool();
    List<ByteBuffer> kept = new ArrayList<>();
    Sink[] box = {null};
    EventLoop.run(loop -> {
      Source src = new Source(pool, BLOCKS);
      src.once(Stream.READABLE, () -> {
        kept.add(src.read(CHUNK / 2)); // half of the first chunk
        Sink s = new Sink();
        Pipeline.run(src, s);
        box[0] = s;
      });
    });
    assertArrayEquals(Arrays.copyOfRange(expected(BLOCKS), CHUNK / 2, expected(BLOCKS).length),
        box[0].written.toByteArray());
    assertArrayEquals(Arrays.copyOf(expected(BLOCKS), CHUNK / 2), concat(kept));
    assertEquals(0, pool.outstandingBlocks(), pool.toString());
    assertEquals(1, pool.sharedBlocks(), pool.toString());
    pool.checkReleased();
  }

  @Test
  void aSourceThatOverridesReadCannotTrackItsChunks() {
    IllegalStateException[] error = {null};
    EventLoop.run(loop -> {
      try {
        new Readable<ByteBuffer>(StreamOptions.bytes().name("sneaky")) {
          {
            trackPooledChunks(new ChunkLedger());
          }

          @Override
          public ByteBuffer read(long n) {
            return super.read(n); // a caller of this read() could keep what flowing mode delivers
          }
        };
      } catch (IllegalStateException e) {
        error[0] = e;
      }
    });
    assertEquals("sneaky overrides read(): its chunks cannot be tracked", error[0].getMessage());
  }
}
