package io.loopstreams.core.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Writable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Closing a loop cancels every foreign subscription its streams hold (rule 2.6: a subscriber
 * that can no longer consume cancels), whether the loop was busy with that publisher's items or
 * the subscription was idle, waiting for demand that a closed loop will never signal; and a
 * foreign subscriber of one of its streams gets {@code onError} instead of waiting for ever.
 */
class LoopCloseCancelsUpstreamTest {

  private static final int EACH = 20;

  @Test
  void closeCancelsTheUpstreamSubscriptionsOfFromPublisherAndToSubscriber() throws Exception {
    EventLoop loop = EventLoop.create("close-upstream").start();
    Scheduler publisherThreads = Schedulers.newParallel("foreign-publisher", 2);
    CountDownLatch cancelled = new CountDownLatch(2 * EACH);
    CountDownLatch subscribed = new CountDownLatch(2 * EACH);
    AtomicInteger completed = new AtomicInteger();
    try {
      for (int i = 0; i < EACH; i++) {
        Flux<Integer> endless = Flux.range(0, Integer.MAX_VALUE)
            .subscribeOn(publisherThreads)
            .doOnSubscribe(s -> subscribed.countDown())
            .doOnCancel(cancelled::countDown)
            .doOnComplete(completed::incrementAndGet);
        // A flowing readable keeps the loop busy with this publisher's items...
        loop.execute(() -> {
          Readable<Integer> r = ReactiveStreams.fromPublisher(loop, endless);
          r.onData(x -> { });
        });
        // ...while this writable never finishes a write: its subscription waits for demand.
        Writable<Integer> stuck = loop.call(() -> Writable.<Integer>create(StreamOptions.objects(),
            (chunk, cb) -> { })).get(10, TimeUnit.SECONDS);
        endless.subscribe(ReactiveStreams.toSubscriber(stuck));
      }
      assertTrue(subscribed.await(10, TimeUnit.SECONDS), "all subscribed");
      loop.close();
      assertTrue(cancelled.await(10, TimeUnit.SECONDS),
          cancelled.getCount() + " of " + 2 * EACH + " upstream subscriptions left open");
      assertEquals(0, completed.get());
    } finally {
      publisherThreads.dispose();
    }
  }

  @Test
  void closeSignalsOnErrorToAForeignSubscriberOfAStreamThatWillNeverEnd() throws Exception {
    EventLoop loop = EventLoop.create("close-downstream").start();
    CountDownLatch subscribed = new CountDownLatch(1);
    CompletableFuture<List<Integer>> all = loop.call(() -> {
      Readable<Integer> silent = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
          // never pushes: the subscriber's only way out is the loop's close
        }
      };
      return Reactor.toFlux(silent).doOnSubscribe(s -> subscribed.countDown()).collectList().toFuture();
    }).get(10, TimeUnit.SECONDS);
    assertTrue(subscribed.await(10, TimeUnit.SECONDS));
    loop.close();
    ExecutionException e = assertThrows(ExecutionException.class, () -> all.get(10, TimeUnit.SECONDS));
    assertEquals(IllegalStateException.class, e.getCause().getClass());
    assertEquals("loop close-downstream has terminated", e.getCause().getMessage());
  }
}
