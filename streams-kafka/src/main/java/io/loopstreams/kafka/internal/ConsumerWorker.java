package io.loopstreams.kafka.internal;

import io.loopstreams.core.Callback;
import io.loopstreams.kafka.KafkaStreamException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The thread that owns a source's {@link Consumer} (Kafka's consumer is not thread-safe: every
 * call to it happens here). It polls, hands each non-empty batch to the loop, and waits for the
 * loop's verdict before it hands another: "more", or "full" (the stream is at its mark), upon
 * which it pauses every assigned partition and keeps polling (paused partitions return nothing,
 * but the consumer stays in its group and runs rebalances) until "more" comes back.
 *
 * <h2>State (consumer thread)</h2>
 * <pre>
 *   POLLING ─batch→ WAITING ─more→ POLLING
 *                   WAITING ─full→ PAUSED (partitions paused) ─more→ POLLING (resumed)
 *   any ─close→ commit acknowledged offsets (unless abandoned) → consumer.close → CLOSED signal
 * </pre>
 * While WAITING the thread parks; after {@link #KEEP_ALIVE} without a verdict it pauses and
 * polls, so a busy loop never stalls a rebalance for longer than that.
 *
 * <p>Threads: the loop calls {@link #verdict}, {@link #commit}, {@link #close}, which queue a
 * command, unpark the thread and, if it is inside {@code poll}, wake it ({@code wakeup()}). The
 * {@code polling} flag is written before the thread re-checks the command queue and read after a
 * command is queued (both volatile), so a command is either seen by that check or wakes the poll.
 */
public final class ConsumerWorker<K, V> implements Runnable {

  private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

  // immutable
  private final Consumer<K, V> consumer;
  private final Collection<String> topics;
  private final LoopHop<SourceSignal> hop;
  private final AckedOffsets acked; // null when the source does not commit
  private final Duration pollTimeout;
  private final Duration closeTimeout;
  private final Thread thread;
  // any thread
  private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
  private volatile boolean polling;
  private volatile boolean ended;
  // consumer thread only
  private boolean closing;
  private boolean abandon;
  private boolean waiting;
  private boolean paused;

  public ConsumerWorker(Consumer<K, V> consumer, Collection<String> topics,
      LoopHop<SourceSignal> hop, AckedOffsets acked, Duration pollTimeout, Duration closeTimeout,
      String threadName) {
    this.consumer = consumer;
    this.topics = List.copyOf(topics);
    this.hop = hop;
    this.acked = acked;
    this.pollTimeout = pollTimeout;
    this.closeTimeout = closeTimeout;
    this.thread = new Thread(this, threadName);
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  // ---------------------------------------------------------------------------------------------
  // Loop side

  /** The loop's answer to a batch, or a later "more" once the stream fell below its mark. */
  public void verdict(boolean more) {
    submit(() -> {
      waiting = false;
      setPaused(!more);
    });
  }

  /** Commits the acknowledged offsets; {@code done} runs on the loop with the outcome. */
  public void commit(Callback done) {
    submit(new CommitCommand(done));
  }

  /** A commit request; answered with an error if the thread ended before it ran. */
  private final class CommitCommand implements Runnable {
    final Callback done;

    CommitCommand(Callback done) {
      this.done = done;
    }

    @Override
    public void run() {
      hop.offer(new SourceSignal.Committed(done, commitAcked()));
    }

    void refuse() {
      hop.offer(new SourceSignal.Committed(done,
          new KafkaStreamException("commit refused: the consumer of " + topics + " is closed")));
    }
  }

  /**
   * Ends the thread: commits the acknowledged offsets first unless {@code abandonAcked} (a crash
   * as far as the group can tell: they are delivered again), then closes the consumer.
   */
  public void close(boolean abandonAcked) {
    submit(() -> {
      closing = true;
      abandon = abandonAcked;
    });
  }

  private void submit(Runnable command) {
    commands.offer(command);
    if (ended) {
      refuseCommands();
      return;
    }
    LockSupport.unpark(thread);
    if (polling) {
      consumer.wakeup();
    }
  }

  /**
   * After the thread ended: answers queued commits with an error. Both the ending thread (after
   * setting {@code ended}) and a late submitter (after queueing) call this, so no command is
   * left unanswered; {@code poll} hands each command to one of them.
   */
  private void refuseCommands() {
    for (Runnable c; (c = commands.poll()) != null; ) {
      if (c instanceof ConsumerWorker<?, ?>.CommitCommand commit) {
        commit.refuse();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Consumer thread

  @Override
  public void run() {
    try {
      checkTopicsExist();
      consumer.subscribe(topics, new Rebalance());
      long waitedSince = 0;
      while (runCommands()) {
        if (waiting) {
          if (waitedSince == 0) {
            waitedSince = System.nanoTime();
          }
          if (System.nanoTime() - waitedSince < KEEP_ALIVE.toNanos()) {
            LockSupport.parkNanos(this, pollTimeout.toNanos());
            continue;
          }
          setPaused(true); // the loop is slow to answer: stay in the group meanwhile
        }
        waitedSince = 0;
        poll();
      }
    } catch (Throwable t) {
      abandon = false;
      hop.offer(new SourceSignal.Failed(t instanceof KafkaStreamException ? t
          : new KafkaStreamException("consumer of " + topics + " failed", t)));
    } finally {
      closeConsumer();
    }
  }

  /** Runs queued commands; false once closing. */
  private boolean runCommands() {
    for (Runnable c; (c = commands.poll()) != null; ) {
      c.run();
    }
    return !closing;
  }

  private void poll() {
    polling = true;
    try {
      if (!commands.isEmpty()) {
        return;
      }
      ConsumerRecords<K, V> records = consumer.poll(pollTimeout);
      if (!records.isEmpty()) {
        List<ConsumerRecord<?, ?>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        waiting = true;
        hop.offer(new SourceSignal.Batch(batch));
      }
    } catch (WakeupException commandQueued) {
      // a command arrived while polling: run it next
    } finally {
      polling = false;
    }
  }

  private void setPaused(boolean pause) {
    if (pause) {
      consumer.pause(consumer.assignment());
    } else if (paused) {
      consumer.resume(consumer.paused());
    }
    paused = pause;
  }

  private void checkTopicsExist() {
    for (String topic : topics) {
      if (consumer.partitionsFor(topic).isEmpty()) {
        throw new KafkaStreamException("topic " + topic + " does not exist");
      }
    }
  }

  /** Commits what was acknowledged for the partitions still assigned; the error or null. */
  private Throwable commitAcked() {
    if (acked == null) {
      return null;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = acked.take(consumer.assignment());
    if (offsets.isEmpty()) {
      return null;
    }
    try {
      try {
        consumer.commitSync(offsets);
      } catch (WakeupException raced) { // a wake-up meant for a poll that had just returned
        consumer.commitSync(offsets);
      }
      return null;
    } catch (RuntimeException e) {
      return new KafkaStreamException("commit of " + offsets + " failed", e);
    }
  }

  private void closeConsumer() {
    try {
      if (abandon && acked != null) {
        acked.clear();
      } else {
        commitAcked();
      }
      consumer.close(CloseOptions.timeout(closeTimeout));
    } catch (RuntimeException e) {
      hop.offer(new SourceSignal.Failed(new KafkaStreamException("closing the consumer failed", e)));
    } finally {
      ended = true;
      refuseCommands();
      hop.offer(new SourceSignal.Closed());
    }
  }

  /** Runs inside {@code poll} (and {@code close}), on this thread. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!abandon) {
        commitAcked(); // what was acknowledged is committed before the partitions go
      }
      if (!partitions.isEmpty()) {
        hop.offer(new SourceSignal.Revoked(Set.copyOf(partitions)));
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        hop.offer(new SourceSignal.Revoked(Set.copyOf(partitions)));
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (paused) {
        consumer.pause(partitions);
      }
      hop.offer(new SourceSignal.Assigned(Set.copyOf(partitions)));
    }
  }
}
