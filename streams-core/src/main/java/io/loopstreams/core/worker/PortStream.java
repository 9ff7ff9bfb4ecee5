package io.loopstreams.core.worker;

import io.loopstreams.core.Callback;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.stream.Duplex;
import io.loopstreams.core.stream.StreamOptions;
import java.nio.ByteBuffer;

/**
 * A {@link MessagePort} as a byte {@link Duplex}: writes travel as DATA envelopes, the peer's
 * reads come back as CREDIT envelopes. Credit-based flow control across the threads:
 * <ul>
 *   <li>the reader grants its high-water mark when its stream opens, then, from {@code doRead}
 *       (its buffer is below the mark), the bytes its consumer took since the last grant;
 *   <li>the writer sends a chunk only while it holds credit; without credit it keeps the chunk
 *       and its callback, so its writable buffer fills and {@code write} returns false.
 * </ul>
 * So the reader buffers at most its mark plus one chunk, the hand-off holds no more than that,
 * and the writer's buffer stays at its own mark: nothing grows with the input.
 *
 * <p>A written chunk is handed over, not copied (a view of the same memory): do not modify it
 * after writing. Loop-confined to the port's loop.
 */
final class PortStream extends Duplex<ByteBuffer, ByteBuffer> {

  private final MessagePort port;
  // writer side
  private long credit;
  private ByteBuffer waitingChunk;
  private Callback waitingCallback;
  // reader side
  private long pushed;
  private long regranted;
  private boolean grantScheduled;
  private boolean peerDestroyed;
  private boolean finalSent;
  private boolean endReceived;

  PortStream(MessagePort port, long highWaterMark) {
    super(port.loop(), StreamOptions.bytes().highWaterMark(highWaterMark));
    this.port = port;
    port.send(Envelope.credit(highWaterMark));
  }

  /** An envelope of this stream arrived from the peer. */
  void receive(Envelope e) {
    switch (e.kind()) {
      case DATA -> {
        ByteBuffer b = (ByteBuffer) e.payload();
        pushed += b.remaining();
        push(b);
      }
      case END -> {
        endReceived = true;
        pushEnd();
      }
      case CREDIT -> {
        credit += e.credit();
        if (waitingChunk != null && credit > 0) {
          ByteBuffer chunk = waitingChunk;
          Callback cb = waitingCallback;
          waitingChunk = null;
          waitingCallback = null;
          sendData(chunk);
          cb.done(null);
        }
      }
      case ABORT -> {
        peerDestroyed = true;
        Throwable err = (Throwable) e.payload();
        destroy(err != null ? err : StreamException.prematureClose());
      }
      default -> throw new IllegalStateException("not a stream envelope: " + e.kind());
    }
  }

  /** The channel closed under the stream. */
  void peerGone() {
    peerDestroyed = true;
    if (!destroyed()) {
      destroy(StreamException.prematureClose());
    }
  }

  @Override
  protected void doRead(long size) {
    // Readable calls doRead before it takes the chunk being read out of its buffer: count the
    // consumption once that read is over.
    if (!grantScheduled) {
      grantScheduled = true;
      loop().nextTick(this::grant);
    }
  }

  /**
   * Grants all the bytes consumed since the last grant, never part: Readable calls doRead once
   * and again only after a push, so credit held back could leave both sides waiting. When
   * nothing is owed, bytes are in flight and their push brings the next doRead.
   */
  private void grant() {
    grantScheduled = false;
    long grant = pushed - readableLength() - regranted;
    if (grant > 0 && !destroyed()) {
      regranted += grant;
      port.send(Envelope.credit(grant));
    }
  }

  @Override
  protected void doWrite(ByteBuffer chunk, Callback callback) {
    if (credit > 0) {
      sendData(chunk);
      callback.done(null);
    } else {
      waitingChunk = chunk;
      waitingCallback = callback;
    }
  }

  private void sendData(ByteBuffer chunk) {
    credit -= chunk.remaining();
    port.send(Envelope.signal(Envelope.Kind.DATA, chunk.duplicate()));
  }

  @Override
  protected void doFinal(Callback callback) {
    finalSent = true;
    port.send(Envelope.signal(Envelope.Kind.END, null));
    callback.done(null);
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    boolean clean = error == null && finalSent && endReceived;
    if (!peerDestroyed && !clean) {
      port.send(Envelope.signal(Envelope.Kind.ABORT, error));
    }
    waitingChunk = null;
    waitingCallback = null;
    port.streamClosed();
    callback.done(error);
  }
}
