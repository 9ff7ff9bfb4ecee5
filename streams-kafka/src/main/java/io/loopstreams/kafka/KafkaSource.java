package io.loopstreams.kafka;

import io.loopstreams.core.Callback;
import io.loopstreams.core.Event;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.LoopHandle;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.kafka.internal.AckedOffsets;
import io.loopstreams.kafka.internal.ConsumerWorker;
import io.loopstreams.kafka.internal.LoopHop;
import io.loopstreams.kafka.internal.SourceSignal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka topics as an object-mode {@code Readable}: a member of a consumer group whose {@link
 * KafkaConsumer} lives on one dedicated thread. Records come to the loop a poll's batch at a
 * time; at the high-water mark (default 1024 records) the consumer pauses its assigned
 * partitions instead of buffering, and resumes them when the stream is read below the mark. A
 * batch that arrives when the buffer is nearly full waits in the source beside it, so the
 * stream's buffer never holds more than the mark and the source at most one more batch ({@code
 * max.poll.records}).
 *
 * <p>{@link #create} emits {@link ConsumerRecord}s and leaves commits to the consumer's own
 * configuration; {@link #committable} emits {@link CommittableRecord}s with auto-commit off: their
 * offsets are committed by the source's {@link Committer} once acknowledged downstream.
 *
 * <p>Events: {@link #ASSIGNED} and {@link #REVOKED} with the partitions of each rebalance
 * (revoked after the acknowledged offsets were committed). {@code destroy()} commits what was
 * acknowledged, closes the consumer (within {@link #CLOSE_TIMEOUT}) and ends its thread before
 * {@code CLOSE}; {@code destroy(error)} abandons what was acknowledged but not yet committed, as
 * a crash would. A committable source with a {@link Committer} keeps its consumer open until the
 * committer finished or was destroyed, so the committer's last commit still has a consumer.
 *
 * <h2>State (loop thread)</h2>
 * <pre>
 *   thread: POLLING ─batch→ HANDED ─room left→ POLLING
 *                           HANDED ─at the mark→ PAUSED ─doRead, overflow drained→ POLLING
 * </pre>
 *
 * <h2>Differences from Node</h2>
 * No Node counterpart. The stream never ends by itself (a topic has no end): use {@code take(n)}
 * or destroy it.
 *
 * @param <T> {@code ConsumerRecord<K, V>} or {@code CommittableRecord<K, V>}
 */
public final class KafkaSource<T> extends Readable<T> {

  /** Partitions assigned to this member by a rebalance. */
  public static final Event<Set<TopicPartition>> ASSIGNED = Event.of("assigned");
  /** Partitions taken from this member by a rebalance (or lost). */
  public static final Event<Set<TopicPartition>> REVOKED = Event.of("revoked");
  /** The default high-water mark, in records. */
  public static final int DEFAULT_HIGH_WATER_MARK = 1024;
  /** How long closing the consumer may take. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

  // immutable
  private final Function<ConsumerRecord<?, ?>, T> wrap;
  private final ConsumerWorker<?, ?> worker;
  private final AckedOffsets acked;
  // loop thread only
  private final ArrayDeque<T> overflow = new ArrayDeque<>();
  private boolean paused;
  private boolean workerClosed;
  private boolean committerAttached;
  private Boolean closeRequested; // abandon flag of a close that waits for the committer
  private Callback destroyCallback;
  private LoopHandle alive;

  private <K, V> KafkaSource(EventLoop loop, Map<String, Object> config, Collection<String> topics,
      StreamOptions options, Function<ConsumerRecord<?, ?>, T> wrap, boolean committable) {
    super(loop, options);
    this.wrap = wrap;
    this.acked = committable ? new AckedOffsets() : null;
    LoopHop<SourceSignal> hop = new LoopHop<>(loop, this::onSignal);
    String group = String.valueOf(config.get(ConsumerConfig.GROUP_ID_CONFIG));
    this.worker = new ConsumerWorker<>(new KafkaConsumer<K, V>(config), topics, hop, acked,
        POLL_TIMEOUT, CLOSE_TIMEOUT, "kafka-consumer-" + group);
  }

  /**
   * A source of {@code ConsumerRecord}s on the current loop: {@code config} is the consumer's
   * (bootstrap servers, {@code group.id}, deserializers at least).
   */
  public static <K, V> KafkaSource<ConsumerRecord<K, V>> create(Map<String, Object> config,
      Collection<String> topics) {
    return create(config, topics, StreamOptions.objects().highWaterMark(DEFAULT_HIGH_WATER_MARK));
  }

  /** The same with stream options (mark, name). */
  @SuppressWarnings("unchecked")
  public static <K, V> KafkaSource<ConsumerRecord<K, V>> create(Map<String, Object> config,
      Collection<String> topics, StreamOptions options) {
    return new KafkaSource<>(EventLoop.current(), config, topics, options,
        r -> (ConsumerRecord<K, V>) r, false);
  }

  /** A source of {@link CommittableRecord}s (auto-commit off); commit with {@link Committer}. */
  public static <K, V> KafkaSource<CommittableRecord<K, V>> committable(
      Map<String, Object> config, Collection<String> topics) {
    return committable(config, topics,
        StreamOptions.objects().highWaterMark(DEFAULT_HIGH_WATER_MARK));
  }

  /** The same with stream options (mark, name). */
  @SuppressWarnings("unchecked")
  public static <K, V> KafkaSource<CommittableRecord<K, V>> committable(
      Map<String, Object> config, Collection<String> topics, StreamOptions options) {
    Object auto = config.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
    if (auto != null && Boolean.parseBoolean(auto.toString())) {
      throw new IllegalArgumentException(
          "a committable source commits itself: enable.auto.commit must not be true");
    }
    Map<String, Object> c = new HashMap<>(config);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaSource<>(EventLoop.current(), c, topics, options,
        r -> new CommittableRecord<>((ConsumerRecord<K, V>) r), true);
  }

  /** Records held beside the stream's buffer (a batch that arrived at the mark). */
  public int overflowLength() {
    loop().checkInLoop(this);
    return overflow.size();
  }

  /** Whether the consumer was told to pause its partitions (the stream is at its mark). */
  public boolean consumerPaused() {
    loop().checkInLoop(this);
    return paused;
  }

  // ---------------------------------------------------------------------------------------------
  // For the Committer (same package)

  AckedOffsets acked() {
    return acked;
  }

  ConsumerWorker<?, ?> worker() {
    return worker;
  }

  /** The committer keeps the consumer open until it is done, so its last commit can run. */
  void attachCommitter() {
    if (acked == null) {
      throw new IllegalStateException("not a committable source");
    }
    if (committerAttached) {
      throw new IllegalStateException("the source already has a committer");
    }
    committerAttached = true;
  }

  /** The committer finished or was destroyed: a close that waited for it proceeds. */
  void committerDone() {
    committerAttached = false;
    if (closeRequested != null) {
      worker.close(closeRequested);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks

  @Override
  protected void doConstruct(Callback callback) {
    alive = loop().keepAlive(); // the consumer thread may deliver until it is closed
    worker.start();
    callback.done(null);
  }

  @Override
  protected void doRead(long size) {
    while (!overflow.isEmpty()) {
      if (!push(overflow.poll())) {
        return;
      }
    }
    if (paused) {
      paused = false;
      worker.verdict(true);
    }
  }

  @Override
  protected void doDestroy(Throwable error, Callback callback) {
    overflow.clear();
    if (workerClosed) {
      callback.done(error);
      return;
    }
    destroyCallback = e -> callback.done(error);
    if (committerAttached) {
      closeRequested = error != null; // closes when the committer is done
    } else {
      worker.close(error != null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Signals from the consumer thread

  private void onSignal(SourceSignal signal) {
    if (signal instanceof SourceSignal.Batch b) {
      onBatch(b);
    } else if (signal instanceof SourceSignal.Assigned a) {
      if (!destroyed()) {
        emit(ASSIGNED, a.partitions());
      }
    } else if (signal instanceof SourceSignal.Revoked r) {
      if (!destroyed()) {
        emit(REVOKED, r.partitions());
      }
    } else if (signal instanceof SourceSignal.Committed c) {
      c.onDone().done(c.error());
    } else if (signal instanceof SourceSignal.Failed f) {
      destroy(f.error());
    } else { // Closed
      workerClosed = true;
      alive.close();
      if (destroyCallback != null) {
        destroyCallback.done(null);
      }
    }
  }

  private void onBatch(SourceSignal.Batch batch) {
    if (destroyed()) {
      return;
    }
    boolean room = overflow.isEmpty() && readableLength() < readableHighWaterMark();
    for (ConsumerRecord<?, ?> r : batch.records()) {
      T chunk = wrap.apply(r);
      if (room) {
        room = push(chunk);
      } else {
        overflow.add(chunk);
      }
    }
    paused = !room;
    worker.verdict(room);
  }
}
