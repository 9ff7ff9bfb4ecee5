package io.loopstreams.zlib.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What one offload task produced, in order: output buffers of {@code chunkSize} bytes (the last
 * may be shorter) and, for gunzip, each member's {@link io.loopstreams.zlib.GzipHeader} where it
 * was read. Filled on a pool thread, handed to the loop with the task's completion, never touched
 * again by the pool thread.
 */
public final class Output {
  private final int chunkSize;
  private final List<Object> items = new ArrayList<>();
  private byte[] buf;
  private int pos;

  public Output(int chunkSize) {
    this.chunkSize = chunkSize;
  }

  /** The current buffer, with {@link #pos()}..{@link #limit()} free for the engine to fill. */
  public byte[] array() {
    if (buf == null) {
      buf = new byte[chunkSize];
      pos = 0;
    }
    return buf;
  }

  public int pos() {
    return pos;
  }

  public int space() {
    return buf == null ? chunkSize : buf.length - pos;
  }

  /** Records that the engine wrote {@code n} bytes at {@link #pos()}; a full buffer is sealed. */
  public void advance(int n) {
    pos += n;
    if (pos == buf.length) {
      seal();
    }
  }

  /** Appends bytes through the current buffer (headers, trailers). */
  public void write(byte[] b, int off, int len) {
    while (len > 0) {
      byte[] a = array();
      int n = Math.min(len, a.length - pos);
      System.arraycopy(b, off, a, pos, n);
      advance(n);
      off += n;
      len -= n;
    }
  }

  /** Appends a buffer the engine produced on its own (brotli, zstd); its bytes are copied. */
  public void write(ByteBuffer b) {
    while (b.hasRemaining()) {
      byte[] a = array();
      int n = Math.min(b.remaining(), a.length - pos);
      b.get(a, pos, n);
      advance(n);
    }
  }

  /** Records an event (a gzip header) after the bytes written so far. */
  public void event(Object event) {
    seal();
    items.add(event);
  }

  private void seal() {
    if (buf != null && pos > 0) {
      items.add(ByteBuffer.wrap(buf, 0, pos));
    }
    buf = null;
    pos = 0;
  }

  /** Seals the last buffer and returns everything in order; the output starts empty again. */
  public List<Object> take() {
    seal();
    List<Object> out = new ArrayList<>(items);
    items.clear();
    return out;
  }
}
