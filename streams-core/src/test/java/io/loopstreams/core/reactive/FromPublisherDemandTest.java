package io.loopstreams.core.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.StreamOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * {@code ReactiveStreams.fromPublisher} / {@code Reactor.fromFlux}: demand follows the mark.
 * Requests are recorded with {@code Flux.doOnRequest}; the loop is driven by {@code
 * EventLoop.run}, so every assertion sees a settled state.
 */
class FromPublisherDemandTest {

  @Test
  void markSixteenRequestsExactlySixteenFirstThenRefillsWhatWasRead() {
    List<Long> requests = new ArrayList<>();
    List<Long> lengths = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> r = Reactor.fromFlux(loop, Flux.range(0, 100).doOnRequest(requests::add));
      r.read(0); // the first doRead subscribes; the request follows onSubscribe on the loop
      loop.setImmediate(() -> {
        lengths.add(r.readableLength());
        List<Long> before = List.copyOf(requests);
        assertEquals(List.of(16L), before, "exactly the mark, once");
        for (int i = 0; i < 4; i++) {
          r.read();
        }
        loop.setImmediate(() -> {
          lengths.add(r.readableLength());
          r.destroy();
        });
      });
    });
    assertEquals(16L, requests.get(0));
    assertEquals(20L, requests.stream().mapToLong(Long::longValue).sum(), "refilled the 4 read: " + requests);
    assertTrue(requests.subList(1, requests.size()).stream().allMatch(n -> n <= 4), requests.toString());
    assertEquals(List.of(16L, 16L), lengths);
  }

  @Test
  void flowingConsumerNeverHasMoreThanTheMarkRequestedAndUnconsumed() {
    List<Long> requests = new ArrayList<>();
    List<Integer> got = new ArrayList<>();
    List<String> events = new ArrayList<>();
    long[] maxUnconsumed = {0};
    EventLoop.run(loop -> {
      long[] requested = {0};
      Readable<Integer> r = Reactor.fromFlux(loop, Flux.range(0, 1000).doOnRequest(n -> {
        // Runs on the loop: requested - consumed = outstanding + in transit + buffered.
        requests.add(n);
        requested[0] += n;
        maxUnconsumed[0] = Math.max(maxUnconsumed[0], requested[0] - got.size());
      }));
      r.onData(got::add);
      r.on(Stream.END, () -> events.add("end"));
      r.on(Stream.CLOSE, () -> events.add("close"));
    });
    assertEquals(1000, got.size());
    assertEquals(999, got.get(999));
    assertEquals(List.of("end", "close"), events);
    assertEquals(16L, requests.get(0));
    assertTrue(maxUnconsumed[0] <= 16, "requested but unconsumed reached " + maxUnconsumed[0]);
  }

  @Test
  void slowPausedConsumerKeepsTheBufferAtOrBelowTheMark() {
    long[] maxLength = {0};
    List<Integer> got = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> r = ReactiveStreams.fromPublisher(loop, Flux.range(0, 200),
          StreamOptions.objects().highWaterMark(8));
      Runnable[] step = new Runnable[1];
      step[0] = () -> {
        maxLength[0] = Math.max(maxLength[0], r.readableLength());
        Integer item = r.read();
        if (item != null) {
          got.add(item);
        }
        if (!r.readableEnded() && !r.destroyed()) {
          loop.setImmediate(step[0]);
        }
      };
      r.read(0);
      loop.setImmediate(step[0]);
    });
    assertEquals(200, got.size());
    assertTrue(maxLength[0] <= 8, "buffer reached " + maxLength[0]);
    assertEquals(8, maxLength[0], "the buffer does fill up to the mark");
  }

  @Test
  void fluxErrorDestroysTheReadableWithIt() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> r = Reactor.fromFlux(loop, Flux.<Integer>error(new IllegalStateException("kaboom")));
      r.on(Stream.ERROR, e -> events.add("error:" + e.getMessage()));
      r.on(Stream.CLOSE, () -> events.add("close"));
      r.resume();
    });
    assertEquals(List.of("error:kaboom", "close"), events);
  }

  @Test
  void itemsBeforeTheErrorAreDeliveredThenTheError() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> r = Reactor.fromFlux(loop,
          Flux.just(1, 2).concatWith(Flux.error(new IllegalStateException("late"))));
      r.onData(x -> events.add("data:" + x));
      r.on(Stream.ERROR, e -> events.add("error:" + e.getMessage()));
      r.on(Stream.CLOSE, () -> events.add("close"));
    });
    assertEquals(List.of("data:1", "data:2", "error:late", "close"), events);
  }

  @Test
  void destroyCancelsTheSubscription() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> r = Reactor.fromFlux(loop, Flux.<Integer>never().doOnCancel(() -> events.add("cancel")));
      r.on(Stream.CLOSE, () -> events.add("close"));
      r.read(0);
      loop.setImmediate(r::destroy);
    });
    assertEquals(List.of("cancel", "close"), events);
  }

  @Test
  void nothingIsRequestedUntilTheFirstRead() {
    List<Long> requests = new ArrayList<>();
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> r = Reactor.fromFlux(loop, Flux.range(0, 10)
          .doOnSubscribe(s -> events.add("subscribe"))
          .doOnRequest(requests::add));
      loop.setImmediate(() -> {
        events.add("immediate:" + requests);
        r.destroy();
      });
    });
    assertEquals(List.of("immediate:[]"), events);
  }
}
