package io.loopstreams.core.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Writable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The queue-drain hand-offs under real contention: signals from several foreign threads at
 * once must neither be lost (a missed wake-up would hang) nor duplicated, and signals to a
 * subscriber must stay serial (rule 1.3). A stress proof, not a model check: the races are
 * repeated, the outcome is asserted exactly.
 */
class ForeignThreadHandOffTest {

  private EventLoop loop;

  @BeforeEach
  void startLoop() {
    loop = EventLoop.create("handoff").start();
  }

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  @Test
  void elementsPublishedFromAnotherThreadArriveInOrderOnTheLoop() throws Exception {
    int n = 50_000;
    CompletableFuture<List<Integer>> done = new CompletableFuture<>();
    AtomicBoolean offLoop = new AtomicBoolean();
    loop.execute(() -> {
      List<Integer> got = new ArrayList<>(n);
      Readable<Integer> r = Reactor.fromFlux(loop, Flux.range(0, n).publishOn(Schedulers.parallel(), 4));
      r.onData(x -> {
        if (!loop.inLoop()) {
          offLoop.set(true);
        }
        got.add(x);
      });
      r.on(Stream.END, () -> done.complete(got));
      r.on(Stream.ERROR, done::completeExceptionally);
    });
    List<Integer> got = done.get(30, TimeUnit.SECONDS);
    assertEquals(n, got.size());
    for (int i = 0; i < n; i++) {
      assertEquals(i, got.get(i));
    }
    assertFalse(offLoop.get(), "DATA ran off the loop thread");
  }

  @Test
  void requestsFromFourThreadsAtOnceAreAllHonouredExactlyAndSignalsStaySerial() throws Exception {
    int threads = 4;
    int perThread = 5_000;
    int total = threads * perThread;
    Readable<Integer> r = loop.call(() -> (Readable<Integer>) new Readable<Integer>(loop, StreamOptions.objects()) {
      private int next;

      @Override
      protected void doRead(long size) {
        while (push(next++)) {
          // an endless source, one object per push
        }
      }
    }).get(10, TimeUnit.SECONDS);
    AtomicReference<Subscription> subscription = new AtomicReference<>();
    AtomicLong received = new AtomicLong();
    AtomicBoolean inSignal = new AtomicBoolean();
    AtomicReference<String> violation = new AtomicReference<>();
    CountDownLatch subscribed = new CountDownLatch(1);
    CountDownLatch all = new CountDownLatch(1);
    ReactiveStreams.toPublisher(r).subscribe(new Subscriber<Integer>() {
      @Override
      public void onSubscribe(Subscription s) {
        subscription.set(s);
        subscribed.countDown();
      }

      @Override
      public void onNext(Integer item) {
        if (!inSignal.compareAndSet(false, true)) {
          violation.compareAndSet(null, "concurrent onNext");
        }
        if (item != received.get()) {
          violation.compareAndSet(null, "expected " + received.get() + " got " + item);
        }
        if (received.incrementAndGet() == total) {
          all.countDown();
        }
        inSignal.set(false);
      }

      @Override
      public void onError(Throwable t) {
        violation.compareAndSet(null, "onError " + t);
      }

      @Override
      public void onComplete() {
        violation.compareAndSet(null, "onComplete");
      }
    });
    assertTrue(subscribed.await(10, TimeUnit.SECONDS));
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> requesters = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        for (int i = 0; i < perThread; i++) {
          subscription.get().request(1);
        }
      });
      th.start();
      requesters.add(th);
    }
    for (Thread th : requesters) {
      th.join(30_000);
    }
    assertTrue(all.await(30, TimeUnit.SECONDS), "received " + received.get() + " of " + total);
    // Nothing beyond the demand: give a stray element the chance to show up, on the loop.
    loop.call(() -> null).get(10, TimeUnit.SECONDS);
    loop.call(() -> null).get(10, TimeUnit.SECONDS);
    assertEquals(total, received.get());
    assertNull(violation.get());
    subscription.get().cancel();
  }

  @Test
  void cancelRacingRequestAlwaysEndsWithTheSourceDestroyedAndNoError() throws Exception {
    for (int round = 0; round < 200; round++) {
      CountDownLatch closed = new CountDownLatch(1);
      Readable<Integer> r = loop.call(() -> {
        Readable<Integer> c = Readable.from(new Iterable<Integer>() {
          @Override
          public java.util.Iterator<Integer> iterator() {
            return java.util.stream.IntStream.iterate(0, i -> i + 1).boxed().iterator();
          }
        });
        c.on(Stream.CLOSE, closed::countDown);
        return c;
      }).get(10, TimeUnit.SECONDS);
      AtomicReference<Subscription> sub = new AtomicReference<>();
      AtomicReference<Throwable> error = new AtomicReference<>();
      CountDownLatch subscribed = new CountDownLatch(1);
      ReactiveStreams.toPublisher(r).subscribe(new Subscriber<Integer>() {
        @Override
        public void onSubscribe(Subscription s) {
          sub.set(s);
          subscribed.countDown();
        }

        @Override
        public void onNext(Integer item) {
        }

        @Override
        public void onError(Throwable t) {
          error.set(t);
        }

        @Override
        public void onComplete() {
        }
      });
      assertTrue(subscribed.await(10, TimeUnit.SECONDS));
      CyclicBarrier go = new CyclicBarrier(2);
      Thread requester = new Thread(() -> {
        await(go);
        sub.get().request(Long.MAX_VALUE);
        sub.get().request(1);
      });
      requester.start();
      await(go);
      sub.get().cancel();
      requester.join(10_000);
      assertTrue(closed.await(10, TimeUnit.SECONDS), "round " + round + ": source not closed after cancel");
      assertNull(error.get(), "round " + round);
    }
  }

  @Test
  void aFluxOnAnotherThreadWritesIntoAWritableWithinItsMark() throws Exception {
    int n = 20_000;
    AtomicLong requested = new AtomicLong();
    AtomicLong written = new AtomicLong();
    AtomicLong maxUnwritten = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(1);
    Writable<Integer> w = loop.call(() -> {
      Writable<Integer> sink = Writable.create(StreamOptions.objects(), (chunk, cb) -> {
        written.incrementAndGet();
        loop.setImmediate(cb::done);
      });
      sink.on(Stream.FINISH, finished::countDown);
      return sink;
    }).get(10, TimeUnit.SECONDS);
    Flux.range(0, n)
        .subscribeOn(Schedulers.parallel())
        .doOnRequest(k -> maxUnwritten.accumulateAndGet(requested.addAndGet(k) - written.get(), Math::max))
        .subscribe(ReactiveStreams.toSubscriber(w));
    assertTrue(finished.await(30, TimeUnit.SECONDS), "written " + written.get());
    assertEquals(n, written.get());
    assertTrue(maxUnwritten.get() <= 16, "requested but unwritten reached " + maxUnwritten.get());
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
