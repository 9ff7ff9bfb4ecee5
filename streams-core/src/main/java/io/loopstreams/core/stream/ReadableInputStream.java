package io.loopstreams.core.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;

/**
 * A byte Readable seen from another thread as a blocking {@link InputStream}, for code that only
 * takes Java streams ({@link JavaIo#inputStream}). Bounded like {@link BlockingIterable}: the loop
 * reads ahead at most the source's mark plus two chunks. {@code read} blocks; the source's error
 * is thrown as an {@link IOException} (wrapped if it is not one); on the loop thread it throws
 * {@link IllegalStateException}. {@link #close()} before the end destroys the source. Chunks are
 * read through views: their positions are never moved.
 */
final class ReadableInputStream extends InputStream {

  private final BlockingPull<ByteBuffer> pull;
  private ByteBuffer current;
  private boolean eof;

  ReadableInputStream(Readable<ByteBuffer> source) {
    this.pull = new BlockingPull<>(source);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.remaining());
    current.get(b, off, n);
    return n;
  }

  @Override
  public int available() {
    return current == null ? 0 : current.remaining();
  }

  private boolean fill() throws IOException {
    while (!eof && (current == null || !current.hasRemaining())) {
      Object item;
      try {
        item = pull.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for data");
      }
      if (item instanceof BlockingPull.Terminal t) {
        if (t.error() != null) {
          throw t.error() instanceof IOException io ? io : new IOException(t.error());
        }
        eof = true;
      } else {
        current = ((ByteBuffer) item).duplicate();
      }
    }
    return !eof;
  }

  @Override
  public void close() {
    eof = true;
    current = null;
    pull.close();
  }
}
