package io.loopstreams.zlib.internal;

import java.nio.ByteBuffer;

/**
 * One compression or decompression engine and its framing. Pool threads only: the owning
 * transform runs one task at a time, so calls are sequential and each task's start
 * (an executor hand-off) publishes what the previous one wrote.
 */
public interface Codec {

  /** Node's flush kinds (zlib.h values). */
  int NO_FLUSH = 0;
  int PARTIAL_FLUSH = 1;
  int SYNC_FLUSH = 2;
  int FULL_FLUSH = 3;
  int FINISH = 4;

  /** Consumes all of {@code in} (its position moves; may be empty) then flushes as {@code flush} asks. */
  void process(ByteBuffer in, int flush, Output out);

  /**
   * Node's {@code params()}: applied before the next input. Only compressors have a level and a
   * strategy; a decompressor ignores them, as Node's inflate handle does.
   */
  default void params(int level, int strategy) {
  }

  /** Input bytes consumed so far (Node's {@code bytesWritten}). */
  long bytesIn();

  /** Frees the native state; the codec is unusable afterwards. */
  void end();
}
