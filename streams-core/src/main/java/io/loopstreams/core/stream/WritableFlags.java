package io.loopstreams.core.stream;

/**
 * The state word of a writable side ({@code ws}) and the queries that read it; {@link
 * WritableState} holds the transitions, as {@link ReadableState} and {@link Readable} do for the
 * readable side.
 *
 * <table>
 *   <caption>The bits of {@code ws} (Node's names in parentheses)</caption>
 *   <tr><th>bit</th><th>set by</th><th>cleared by</th><th>means</th></tr>
 *   <tr><td>ENDING ({@code ending})</td><td>{@code end()}</td><td>never</td><td>no more writes;
 *       {@code endCalled()}</td></tr>
 *   <tr><td>END_RETURNED ({@code ended})</td><td>{@code end()} after its {@code finishMaybe}</td>
 *       <td>never</td><td>with nothing buffered, the side counts as finished for {@code
 *       finished()} (Node's loose {@code isWritableFinished})</td></tr>
 *   <tr><td>WRITING ({@code writing})</td><td>a chunk handed to {@code doWrite}/{@code
 *       doWritev}</td><td>its callback</td><td>one write in flight; later writes are buffered</td></tr>
 *   <tr><td>IN_DO_WRITE ({@code sync})</td><td>around the {@code doWrite} call</td><td>{@code
 *       doWrite} returned</td><td>a callback now is synchronous: its user callback waits a tick</td></tr>
 *   <tr><td>NEED_DRAIN ({@code needDrain})</td><td>{@code write()} returning false</td><td>DRAIN
 *       emitted</td><td>a writer waits for DRAIN</td></tr>
 *   <tr><td>BUFFER_PROCESSING ({@code bufferProcessing})</td><td>{@code clearBuffer} start</td>
 *       <td>its end</td><td>buffered writes are being handed out: don't re-enter</td></tr>
 *   <tr><td>AFTER_WRITE_PENDING ({@code afterWriteTickInfo})</td><td>a deferred afterWrite
 *       queued</td><td>that tick</td><td>batch the callbacks of synchronous writes</td></tr>
 *   <tr><td>FINAL_CALLED ({@code finalCalled})</td><td>{@code doFinal} called</td><td>never</td>
 *       <td>call it once</td></tr>
 *   <tr><td>PREFINISHED ({@code prefinished})</td><td>{@code doFinal}'s callback, or at once
 *       without one</td><td>never</td><td>PREFINISH emitted; FINISH follows when callbacks are
 *       done</td></tr>
 *   <tr><td>FINISHED ({@code finished})</td><td>FINISH emitted</td><td>never</td><td>the side is
 *       done</td></tr>
 *   <tr><td>WRITABLE_OFF</td><td>a duplex built {@code writable(false)} (with ENDING,
 *       END_RETURNED, FINISHED)</td><td>never</td><td>no writable side</td></tr>
 * </table>
 */
abstract class WritableFlags {

  static final int ENDING = 1;
  static final int END_RETURNED = 1 << 1;
  static final int FINISHED = 1 << 2;
  static final int NEED_DRAIN = 1 << 3;
  static final int WRITING = 1 << 4;
  static final int IN_DO_WRITE = 1 << 5;
  static final int BUFFER_PROCESSING = 1 << 6;
  static final int PREFINISHED = 1 << 7;
  static final int FINAL_CALLED = 1 << 8;
  static final int WRITABLE_OFF = 1 << 9;
  /** A tick that will run afterWrite is queued (Node's kAfterWritePending). */
  static final int AFTER_WRITE_PENDING = 1 << 10;

  // immutable
  final Stream owner;

  // loop thread only
  int ws;
  int corked;
  long length;

  WritableFlags(Stream owner) {
    this.owner = owner;
  }

  boolean isWritable() {
    return (ws & (WRITABLE_OFF | ENDING | END_RETURNED)) == 0 && !owner.destroyed() && owner.errored() == null;
  }

  boolean needDrain() {
    return (ws & (NEED_DRAIN | ENDING)) == NEED_DRAIN && !owner.destroyed();
  }

  boolean endCalled() {
    return (ws & ENDING) != 0;
  }

  boolean finished() {
    return (ws & FINISHED) != 0;
  }

  /** Node's {@code isWritableFinished(stream, strict=false)}. */
  boolean finishedOrFlushed() {
    return (ws & FINISHED) != 0 || ((ws & END_RETURNED) != 0 && length == 0);
  }

  boolean enabled() {
    return (ws & WRITABLE_OFF) == 0;
  }

  String flags() {
    return ((ws & WRITING) != 0 ? "WRITING " : "") + (corked > 0 ? "CORKED " : "")
        + ((ws & NEED_DRAIN) != 0 ? "NEED_DRAIN " : "")
        + ((ws & FINISHED) != 0 ? "FINISHED " : (ws & ENDING) != 0 ? "ENDING " : "");
  }
}
