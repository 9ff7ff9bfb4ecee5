package io.loopstreams.examples;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Pipeline;
import io.loopstreams.core.stream.QueuingStrategy;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.core.text.Text;
import io.loopstreams.fs.FileWriteStream;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.WriteOptions;
import io.loopstreams.kafka.CommittableRecord;
import io.loopstreams.kafka.Committer;
import io.loopstreams.kafka.KafkaSink;
import io.loopstreams.kafka.KafkaSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A distributed log compressor. {@code ship FILE BOOTSTRAP TOPIC} sends a log file's lines to a
 * topic; {@code compress BOOTSTRAP TOPIC GROUP OUT.gz IDLE_MS} joins consumer group GROUP and
 * gzips the lines of the partitions it is given into OUT.gz, until no line came for IDLE_MS. Run
 * one {@code compress} per machine (up to the number of partitions): each gets its share.
 *
 * <p>At least once, per file: OUT.gz is written atomically (temp file, fsync, rename) and only
 * then are its records' offsets committed. A compressor that dies leaves no OUT.gz and nothing
 * committed: its partitions' lines go to the next compressor of the group.
 */
public final class LogCompressor {

  private LogCompressor() {
  }

  public static void main(String[] args) {
    boolean ok;
    if (args.length == 4 && args[0].equals("ship")) {
      ok = ship(Path.of(args[1]), args[2], args[3], System.err);
    } else if (args.length == 6 && args[0].equals("compress")) {
      ok = compress(args[1], args[2], args[3], Path.of(args[4]), Long.parseLong(args[5]),
          System.err) >= 0;
    } else {
      System.err.println("usage: LogCompressor ship FILE BOOTSTRAP TOPIC\n"
          + "       LogCompressor compress BOOTSTRAP TOPIC GROUP OUT.gz IDLE_MS");
      System.exit(2);
      return;
    }
    System.exit(ok ? 0 : 1);
  }

  /** Sends every line of {@code file} to {@code topic}; true once all were acknowledged. */
  static boolean ship(Path file, String bootstrap, String topic, PrintStream err) {
    boolean[] ok = {false};
    EventLoop.run(loop -> {
      Map<String, Object> config = Map.of("bootstrap.servers", bootstrap,
          "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class);
      Pipeline.from(Fs.createReadStream(file))
          .pipe(Text.utf8Lines())
          .pipe(Transform.map(StreamOptions.objects(),
              (String line) -> new ProducerRecord<String, String>(topic, line)))
          .to(KafkaSink.create(config))
          .onComplete(e -> report(e, "ship", err, ok));
    });
    return ok[0];
  }

  /** Compresses this member's share into {@code out}; the number of lines, or -1 on failure. */
  static long compress(String bootstrap, String topic, String group, Path out, long idleMillis,
      PrintStream err) {
    long[] lines = {-1};
    EventLoop.run(loop -> {
      Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "group.id", group,
          "auto.offset.reset", "earliest", "key.deserializer", StringDeserializer.class,
          "value.deserializer", StringDeserializer.class);
      KafkaSource<CommittableRecord<String, String>> source =
          KafkaSource.committable(config, List.of(topic));
      Committer<String, String> committer = Committer.of(source, Integer.MAX_VALUE,
          Duration.ofDays(1)); // one commit, after the file is complete
      Gzip gzip = new Gzip();
      // No line for idleMillis: end the source; the rest of the pipeline drains and finishes.
      loop.setInterval(new Runnable() {
        long seen = -1;

        @Override
        public void run() {
          if (gzip.count == seen && !source.readableEnded()) {
            source.pushEnd();
          }
          seen = gzip.count;
        }
      }, idleMillis).unref();
      FileWriteStream file = Fs.createWriteStream(out, WriteOptions.defaults().atomic(true).fsync(true));
      // FINISH: the file is renamed into place and fsynced; only now are its records committed.
      // (The pipeline itself settles after the source closed, which waits for the committer.)
      file.once(Stream.FINISH, x -> {
        gzip.last.values().forEach(committer::write);
        committer.end(done -> {
          lines[0] = done == null ? gzip.count : -1;
          report(done, "commit", err, new boolean[1]);
        });
      });
      Pipeline.from(source).pipe(gzip).to(file).onComplete(e -> {
        if (e != null) {
          committer.destroy(e);
          report(e, "compress", err, new boolean[1]);
        }
      });
    });
    return lines[0];
  }

  private static void report(Throwable e, String what, PrintStream err, boolean[] ok) {
    if (e != null) {
      err.println("LogCompressor " + what + ": " + e.getMessage());
    }
    ok[0] = e == null;
  }

  /** Lines in, gzip bytes out (java.util.zip on the loop: fine for an example's log lines). */
  private static final class Gzip extends Transform<CommittableRecord<String, String>, ByteBuffer> {
    final Map<TopicPartition, CommittableRecord<String, String>> last = new LinkedHashMap<>();
    long count;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final GZIPOutputStream gzip;

    Gzip() {
      super(StreamOptions.objects().strategy(QueuingStrategy.bytes(), QueuingStrategy.count()));
      try {
        gzip = new GZIPOutputStream(buffer);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected void doTransform(CommittableRecord<String, String> r, Callback callback) {
      try {
        gzip.write((r.value() + "\n").getBytes(StandardCharsets.UTF_8));
        last.put(r.partition(), r);
        count++;
        drain();
        callback.done(null);
      } catch (IOException e) {
        callback.done(e);
      }
    }

    @Override
    protected void doFlush(Callback callback) {
      try {
        gzip.finish();
        drain();
        callback.done(null);
      } catch (IOException e) {
        callback.done(e);
      }
    }

    private void drain() {
      if (buffer.size() > 0) {
        push(ByteBuffer.wrap(buffer.toByteArray()));
        buffer.reset();
      }
    }
  }
}
