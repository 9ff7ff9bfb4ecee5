package io.loopstreams.core.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.StreamOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Readables as Fluxes (and back) under Reactor Test's {@link StepVerifier}: demand, cancel and
 * errors in both directions. The loop runs on its own thread; StepVerifier waits on the test
 * thread (with a limit), and every stream is created and inspected on the loop.
 */
class ReactorStepVerifierTest {

  private static final Duration LIMIT = Duration.ofSeconds(10);

  private EventLoop loop;

  @BeforeEach
  void startLoop() {
    loop = EventLoop.create("stepverifier").start();
  }

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private <T> T onLoop(Callable<T> task) throws Exception {
    return loop.call(task).get(10, TimeUnit.SECONDS);
  }

  /** An object stream of 0..n-1 with mark {@code mark} that records the largest buffer it had. */
  private static final class CountingReadable extends Readable<Integer> {
    final AtomicLong maxLength = new AtomicLong();
    private final int n;
    private int next;

    CountingReadable(EventLoop loop, int n, long mark) {
      super(loop, StreamOptions.objects().highWaterMark(mark));
      this.n = n;
    }

    @Override
    protected void doRead(long size) {
      while (next < n) {
        boolean more = push(next++);
        maxLength.accumulateAndGet(readableLength(), Math::max);
        if (!more) {
          return;
        }
      }
      push(null);
    }
  }

  /** A readable that never produces on its own. */
  private static final class SilentReadable extends Readable<Integer> {
    SilentReadable(EventLoop loop) {
      super(loop, StreamOptions.objects());
    }

    @Override
    protected void doRead(long size) {
    }
  }

  @Test
  void toFluxEmitsEveryItemThenCompletes() throws Exception {
    Flux<Integer> flux = onLoop(() -> Reactor.toFlux(Readable.from(List.of(1, 2, 3, 4, 5))));
    StepVerifier.create(flux).expectNext(1, 2, 3, 4, 5).expectComplete().verify(LIMIT);
  }

  @Test
  void cancelDestroysTheReadable() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    CountingReadable r = onLoop(() -> {
      CountingReadable c = new CountingReadable(loop, 1000, 4);
      c.on(Stream.CLOSE, closed::countDown);
      return c;
    });
    StepVerifier.create(Reactor.toFlux(r), 0)
        .thenRequest(2)
        .expectNext(0, 1)
        .thenCancel()
        .verify(LIMIT);
    assertTrue(closed.await(10, TimeUnit.SECONDS), "CLOSE after cancel");
    assertTrue(onLoop(r::destroyed));
    assertEquals(null, onLoop(r::errored));
  }

  @Test
  void destroyWithErrorReachesTheSubscriber() throws Exception {
    SilentReadable r = onLoop(() -> new SilentReadable(loop));
    StepVerifier.create(Reactor.toFlux(r))
        .then(() -> loop.execute(() -> r.destroy(new IllegalStateException("kaboom"))))
        .expectErrorMatches(e -> e instanceof IllegalStateException && "kaboom".equals(e.getMessage()))
        .verify(LIMIT);
  }

  @Test
  void destroyWithoutErrorIsAPrematureClose() throws Exception {
    SilentReadable r = onLoop(() -> new SilentReadable(loop));
    StepVerifier.create(Reactor.toFlux(r))
        .then(() -> loop.execute(r::destroy))
        .expectErrorMatches(io.loopstreams.core.StreamException::isPrematureClose)
        .verify(LIMIT);
  }

  @Test
  void slowSubscriberNeverMakesTheReadableBufferMoreThanTheMark() throws Exception {
    CountingReadable r = onLoop(() -> new CountingReadable(loop, 200, 4));
    AtomicLong maxSeenOnNext = new AtomicLong();
    Flux<Integer> flux = Reactor.toFlux(r)
        .doOnNext(x -> maxSeenOnNext.accumulateAndGet(r.readableLength(), Math::max)); // on the loop
    StepVerifier.Step<Integer> step = StepVerifier.create(flux, 0);
    for (int i = 0; i < 50; i++) {
      step = step.thenRequest(1).expectNext(i);
    }
    step.thenRequest(Long.MAX_VALUE)
        .expectNextCount(150)
        .expectComplete()
        .verify(LIMIT);
    assertTrue(r.maxLength.get() <= 4, "buffer reached " + r.maxLength.get());
    assertTrue(maxSeenOnNext.get() <= 4, "buffer seen from onNext " + maxSeenOnNext.get());
  }

  @Test
  void aByteStreamEmitsOneElementPerPushedChunk() throws Exception {
    Readable<ByteBuffer> r = onLoop(() -> Readable.from(
        List.of(bytes(3), bytes(5), bytes(1), bytes(7)).iterator(), StreamOptions.bytes().highWaterMark(64)));
    StepVerifier.create(Reactor.toFlux(r).map(ByteBuffer::remaining))
        .expectNext(3, 5, 1, 7)
        .expectComplete()
        .verify(LIMIT);
  }

  private static ByteBuffer bytes(int n) {
    return ByteBuffer.wrap(new byte[n]);
  }

  @Test
  void aSecondSubscriberIsRejectedWithOnError() throws Exception {
    Flux<Integer> flux = onLoop(() -> Reactor.toFlux(new CountingReadable(loop, 3, 16)));
    StepVerifier.create(flux).expectNext(0, 1, 2).expectComplete().verify(LIMIT);
    StepVerifier.create(flux).expectError(IllegalStateException.class).verify(LIMIT);
  }

  @Test
  void fluxThroughAReadableAndBackKeepsOrderAndCompletion() throws Exception {
    Flux<Integer> flux = onLoop(() -> Reactor.toFlux(Reactor.fromFlux(loop, Flux.range(0, 1000))));
    StepVerifier.create(flux, 0)
        .thenRequest(10)
        .expectNext(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
        .thenRequest(Long.MAX_VALUE)
        .expectNextCount(990)
        .expectComplete()
        .verify(LIMIT);
  }

  @Test
  void fluxErrorPropagatesThroughAReadableToTheNextSubscriber() throws Exception {
    Flux<Integer> flux = onLoop(() -> Reactor.toFlux(Reactor.fromFlux(loop,
        Flux.<Integer>error(new IllegalArgumentException("upstream")))));
    StepVerifier.create(flux)
        .expectErrorMatches(e -> e instanceof IllegalArgumentException && "upstream".equals(e.getMessage()))
        .verify(LIMIT);
  }

  @Test
  void cancellingTheOuterFluxCancelsTheInnerOne() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    Flux<Long> flux = onLoop(() -> Reactor.toFlux(Reactor.fromFlux(loop,
        Flux.<Long, Long>generate(() -> 0L, (n, sink) -> {
          sink.next(n);
          return n + 1;
        }).doOnCancel(cancelled::countDown))));
    StepVerifier.create(flux).expectNext(0L, 1L, 2L).thenCancel().verify(LIMIT);
    assertTrue(cancelled.await(10, TimeUnit.SECONDS), "inner Flux cancelled");
  }

  @Test
  void monoFromAPromiseAndAPromiseFromAMono() throws Exception {
    Promise<Integer> fulfilled = onLoop(() -> Promise.resolved(loop, 42));
    StepVerifier.create(Reactor.toMono(fulfilled)).expectNext(42).expectComplete().verify(LIMIT);

    Promise<Integer> empty = onLoop(() -> Promise.resolved(loop, null));
    StepVerifier.create(Reactor.toMono(empty)).expectComplete().verify(LIMIT);

    // toMono observes the promise at once: its rejection is handled, not an unhandled one.
    Mono<Integer> rejected = onLoop(() -> Reactor.toMono(Promise.<Integer>rejected(loop, new IllegalStateException("no"))));
    StepVerifier.create(rejected).expectErrorMessage("no").verify(LIMIT);

    Promise<Integer> fromMono = onLoop(() -> Reactor.fromMono(loop, Mono.just(7).delayElement(Duration.ofMillis(5))));
    assertEquals(7, fromMono.await(LIMIT));
    Promise<Integer> fromEmpty = onLoop(() -> Reactor.fromMono(loop, Mono.<Integer>empty()));
    assertEquals(null, fromEmpty.await(LIMIT));
  }
}
