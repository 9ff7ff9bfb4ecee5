package io.loopstreams.kafka;

import io.loopstreams.core.Callback;
import io.loopstreams.core.Timeout;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Writable;
import java.time.Duration;
import java.util.List;

/**
 * The end of an at-least-once pipeline: a {@code Writable} of a committable source's records
 * that acknowledges each record written to it and commits the acknowledged offsets in batches,
 * after {@code batchRecords} acknowledgements or {@code batchTime} after the first uncommitted
 * one, whichever comes first. {@code end()} commits the rest and finishes when the commit
 * succeeded. Records must arrive in their partition's order (every stage of a pipeline keeps
 * order), so an acknowledged offset means every earlier one was processed too.
 *
 * <p>A record reaches the committer only after every stage before it handled it, so a
 * committed offset never covers a record that was not processed. A failed periodic commit (a
 * rebalance raced it) is not an error: the records are delivered again, to this member or to the
 * partition's new owner. A failed final commit fails the stream.
 *
 * <h2>State (loop thread)</h2>
 * {@code pending} counts acknowledgements since the last commit; the timer runs while it is
 * positive; a commit resets both.
 */
public final class Committer<K, V> extends Writable<CommittableRecord<K, V>> {

  // immutable
  private final KafkaSource<CommittableRecord<K, V>> source;
  private final int batchRecords;
  private final long batchMillis;
  // loop thread only
  private int pending;
  private Timeout timer;
  private long commits;

  private Committer(KafkaSource<CommittableRecord<K, V>> source, int batchRecords,
      Duration batchTime, StreamOptions options) {
    super(source.loop(), options);
    if (batchRecords < 1) {
      throw new IllegalArgumentException("batchRecords must be at least 1, was " + batchRecords);
    }
    this.source = source;
    source.attachCommitter();
    this.batchRecords = batchRecords;
    this.batchMillis = batchTime.toMillis();
  }

  /** A committer for {@code source}'s records, on its loop. */
  public static <K, V> Committer<K, V> of(KafkaSource<CommittableRecord<K, V>> source,
      int batchRecords, Duration batchTime) {
    return new Committer<>(source, batchRecords, batchTime,
        StreamOptions.objects().highWaterMark(KafkaSource.DEFAULT_HIGH_WATER_MARK));
  }

  /** Commits requested so far (batches, and the final one). */
  public long commits() {
    loop().checkInLoop(this);
    return commits;
  }

  @Override
  protected void doWrite(CommittableRecord<K, V> record, Callback callback) {
    doWritev(List.of(record), callback);
  }

  @Override
  protected void doWritev(List<CommittableRecord<K, V>> records, Callback callback) {
    for (CommittableRecord<K, V> r : records) {
      source.acked().ack(r.partition(), r.offset());
    }
    pending += records.size();
    if (pending >= batchRecords) {
      commit(Callback.noop());
    } else if (timer == null) {
      timer = loop().setTimeout(() -> {
        timer = null;
        commit(Callback.noop());
      }, batchMillis);
    }
    callback.done(null);
  }

  @Override
  protected void doFinal(Callback callback) {
    commit(callback);
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    cancelTimer();
    source.committerDone();
    callback.done(error);
  }

  private void commit(Callback then) {
    cancelTimer();
    pending = 0;
    commits++;
    source.worker().commit(then);
  }

  private void cancelTimer() {
    if (timer != null) {
      loop().clearTimeout(timer);
      timer = null;
    }
  }
}
