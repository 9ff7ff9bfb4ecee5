package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Duplex.from(readable, writable)}, Node's {@code Duplex.from({ readable, writable })}.
 * The Node twin of the first test:
 * <pre>
 * const r = new PassThrough({objectMode: true});
 * const w = new Writable({objectMode: true, highWaterMark: 1,
 *   write(c, e, cb) { log.push('w ' + c); setImmediate(cb); }});
 * const d = Duplex.from({readable: r, writable: w});
 * d.on('data', ...); d.on('end', ...); d.on('finish', ...); w.on('finish', ...); d.on('close', ...);
 * log.push('write1 ' + d.write('a')); log.push('write2 ' + d.write('b')); d.end();
 * r.write('x'); r.end('y');
 * </pre>
 * prints {@code ["w a","write1 true","write2 true","d x","d y","end","w b","w finish","finish","close"]}.
 */
class DuplexFromTest {

  @Test
  void writesGoToTheWritableAndReadsComeFromTheReadableInNodesOrder() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<String> r = new PassThrough<>(StreamOptions.objects());
      Writable<String> w = Writable.create(StreamOptions.objects().highWaterMark(1), (c, cb) -> {
        log.add("w " + c);
        loop.setImmediate(cb::done);
      });
      Duplex<String, String> d = Duplex.from(r, w);
      d.onData(c -> log.add("d " + c));
      d.on(Stream.END, () -> log.add("end"));
      d.on(Stream.FINISH, () -> log.add("finish"));
      w.on(Stream.FINISH, () -> log.add("w finish"));
      d.on(Stream.CLOSE, () -> log.add("close"));
      log.add("write1 " + d.write("a"));
      log.add("write2 " + d.write("b"));
      d.end();
      r.write("x");
      r.end("y");
    });
    assertEquals(List.of("w a", "write1 true", "write2 true", "d x", "d y", "end", "w b",
        "w finish", "finish", "close"), log);
  }

  /**
   * Node twin: the same pair with {@code write(c, e, cb) { log.push('w ' + c); setTimeout(cb, 5); }},
   * a {@code w.on('drain')} logger, {@code d.write('a', cb)}, {@code d.write('b', cb)},
   * {@code d.end(); r.end(); d.resume()}; prints
   * {@code ["w a","w b","cb a","w drain","cb b","w drain"]}.
   */
  @Test
  void aSlowWritableHoldsTheWriteCallbackUntilItsDrain() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<String> r = new PassThrough<>(StreamOptions.objects());
      Writable<String> w = Writable.create(StreamOptions.objects().highWaterMark(1), (c, cb) -> {
        log.add("w " + c);
        loop.setTimeout(cb::done, 5);
      });
      Duplex<String, String> d = Duplex.from(r, w);
      w.on(Stream.DRAIN, () -> log.add("w drain"));
      d.write("a", e -> log.add("cb a"));
      d.write("b", e -> log.add("cb b"));
      d.end();
      r.end();
      d.resume();
    });
    assertEquals(List.of("w a", "w b", "cb a", "w drain", "cb b", "w drain"), log);
  }

  @Test
  void anErrorOfTheReadableDestroysThePairAndBothStreams() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<String> r = new PassThrough<>(StreamOptions.objects());
      Writable<String> w = Writable.create(StreamOptions.objects(), (c, cb) -> cb.done());
      Duplex<String, String> d = Duplex.from(r, w);
      d.on(Stream.ERROR, e -> log.add("error " + e.getMessage()));
      d.on(Stream.CLOSE, () -> log.add("close r=" + r.destroyed() + " w=" + w.destroyed()));
      r.destroy(new RuntimeException("boom"));
    });
    assertEquals(List.of("error boom", "close r=true w=true"), log);
  }

  @Test
  void destroyingThePairDestroysBothStreams() {
    List<String> log = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<String> r = new PassThrough<>(StreamOptions.objects());
      Writable<String> w = Writable.create(StreamOptions.objects(), (c, cb) -> cb.done());
      Duplex<String, String> d = Duplex.from(r, w);
      d.destroy();
      log.add("r=" + r.destroyed() + " w=" + w.destroyed());
    });
    assertEquals(List.of("r=true w=true"), log);
  }

  @Test
  void streamsOfTwoLoopsAreRefused() {
    EventLoop other = EventLoop.create("other");
    EventLoop.run(loop -> {
      PassThrough<String> r = new PassThrough<>(StreamOptions.objects());
      Writable<String>[] w = new Writable[1];
      other.runMain(l -> w[0] = Writable.create(StreamOptions.objects(), (c, cb) -> cb.done()));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Duplex.from(r, w[0]));
      assertTrue(e.getMessage().contains("different loops"));
    });
  }
}
