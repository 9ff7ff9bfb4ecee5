package io.loopstreams.core.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.PassThrough;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Writable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * {@code ReactiveStreams.toSubscriber}: a Flux written into a Writable. The initial request is
 * the writable mark, then one per completed write; an upstream error destroys the writable and
 * a destroyed writable cancels upstream. Driven by {@code EventLoop.run}.
 */
class ToSubscriberTest {

  @Test
  void requestsTheMarkFirstThenOnePerCompletedWrite() {
    List<Long> requests = new ArrayList<>();
    List<Integer> written = new ArrayList<>();
    List<String> events = new ArrayList<>();
    long[] maxUnwritten = {0};
    EventLoop.run(loop -> {
      Writable<Integer> w = Writable.create(StreamOptions.objects(), (chunk, cb) -> {
        written.add(chunk);
        loop.setImmediate(cb::done); // a slow sink: one write per loop iteration
      });
      w.on(Stream.FINISH, () -> events.add("finish"));
      w.on(Stream.CLOSE, () -> events.add("close"));
      long[] requested = {0};
      Flux.range(0, 100)
          .doOnRequest(n -> {
            requests.add(n);
            requested[0] += n;
            maxUnwritten[0] = Math.max(maxUnwritten[0], requested[0] - written.size());
          })
          .subscribe(ReactiveStreams.toSubscriber(w));
    });
    assertEquals(100, written.size());
    assertEquals(List.of("finish", "close"), events);
    assertEquals(16L, requests.get(0));
    assertTrue(requests.subList(1, requests.size()).stream().allMatch(n -> n == 1), requests.toString());
    assertTrue(maxUnwritten[0] <= 16, "requested but unwritten reached " + maxUnwritten[0]);
  }

  @Test
  void upstreamErrorDestroysTheWritableWithIt() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<Integer> w = Writable.create(StreamOptions.objects(), (chunk, cb) -> {
        events.add("write:" + chunk);
        cb.done();
      });
      w.on(Stream.ERROR, e -> events.add("error:" + e.getMessage()));
      w.on(Stream.CLOSE, () -> events.add("close"));
      Flux.just(1).concatWith(Flux.error(new IllegalStateException("kaboom")))
          .subscribe(ReactiveStreams.toSubscriber(w));
    });
    assertEquals(List.of("write:1", "error:kaboom", "close"), events);
  }

  @Test
  void destroyingTheWritableCancelsUpstream() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Writable<Integer> w = Writable.create(StreamOptions.objects(), (chunk, cb) -> cb.done());
      w.on(Stream.CLOSE, () -> events.add("close"));
      Flux.<Integer>never().doOnCancel(() -> events.add("cancel")).subscribe(ReactiveStreams.toSubscriber(w));
      loop.setImmediate(w::destroy);
    });
    assertEquals(List.of("close", "cancel"), events);
  }

  @Test
  void aProcessorOverAPassThroughForwardsItemsAndCompletion() {
    List<Integer> got = new ArrayList<>();
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<Integer> pt = new PassThrough<>(StreamOptions.objects().highWaterMark(4));
      var processor = ReactiveStreams.toProcessor(pt);
      Flux.range(0, 50).subscribe(processor);
      Flux.from(processor).subscribe(got::add, e -> events.add("error"), () -> events.add("complete"));
    });
    assertEquals(50, got.size());
    assertEquals(List.of("complete"), events);
  }
}
