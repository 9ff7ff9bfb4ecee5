package io.loopstreams.fs;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.buffer.BufferPool;
import io.loopstreams.core.stream.ChunkObserver;
import io.loopstreams.core.stream.Pipeline;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The program {@link FileBufferRecyclingTest} runs in a child JVM, outside the tests' poison mode
 * (where memory is never reused): {@code SOURCE DEST...} pipes SOURCE into each DEST in turn, a
 * chunk-checking {@link ChunkObserver} on each read stream, and prints {@code bytes=<seen>
 * chunks=<seen> distinct=<chunk objects> allocated=<blocks> acquired=<blocks>
 * recycled=<blocks> failed=<first error>}.
 */
public final class PooledCopyChild {

  private PooledCopyChild() {
  }

  public static void main(String[] args) {
    Path source = Path.of(args[0]);
    long[] seen = {0, 0};
    Set<ByteBuffer> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable[] failed = {null};
    for (int i = 1; i < args.length; i++) {
      Path dest = Path.of(args[i]);
      EventLoop.run(loop -> {
        FileReadStream in = Fs.createReadStream(source);
        in.onData((ChunkObserver<ByteBuffer>) b -> {
          if (b.position() != 0) {
            failed[0] = new IllegalStateException("a chunk arrived at position " + b.position());
          }
          seen[0] += b.remaining();
          seen[1]++;
          distinct.add(b);
        });
        Pipeline.run(List.of(in, Fs.createWriteStream(dest)), e -> {
          if (e != null && failed[0] == null) {
            failed[0] = e;
          }
        });
      });
    }
    BufferPool pool = BufferPool.shared();
    System.out.println("bytes=" + seen[0] + " chunks=" + seen[1] + " distinct=" + distinct.size()
        + " allocated=" + pool.allocatedBlocks() + " acquired=" + pool.acquiredBlocks()
        + " recycled=" + pool.recycledBlocks() + " failed=" + failed[0]);
  }
}
