package io.loopstreams.tck;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.reactive.ReactiveStreams;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Writable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The TCK's whitebox Subscriber rules against {@code ReactiveStreams.toSubscriber(writable)}.
 * The probe sits inside the stream: {@code doWrite} registers each element, FINISH the
 * completion, ERROR the error; the puppet's requests and cancels are issued on the loop, serial
 * with the adapter's own calls (rule 2.7).
 */
public class WritableSubscriberWhiteboxTckTest extends SubscriberWhiteboxVerification<Integer> {

  private EventLoop loop;

  public WritableSubscriberWhiteboxTckTest() {
    super(Tck.env());
  }

  @BeforeClass
  public void startLoop() {
    loop = EventLoop.create("tck-writable-whitebox").start();
  }

  @AfterClass(alwaysRun = true)
  public void closeLoop() {
    loop.close();
  }

  @Override
  public Subscriber<Integer> createSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
    return probed(loop, probe, Tck.onLoop(loop, () -> probedWritable(probe)));
  }

  /** An object-mode writable (mark 16) that reports what reaches it to the probe. */
  static Writable<Integer> probedWritable(WhiteboxSubscriberProbe<Integer> probe) {
    Writable<Integer> w = Writable.create(StreamOptions.objects(), (chunk, cb) -> {
      probe.registerOnNext(chunk);
      cb.done();
    });
    w.on(Writable.FINISH, probe::registerOnComplete);
    w.on(Writable.ERROR, probe::registerOnError);
    return w;
  }

  /** Wraps the adapter so the probe learns the subscription (first onSubscribe only, rule 2.5). */
  static <T> Subscriber<T> probed(EventLoop loop, WhiteboxSubscriberProbe<T> probe, Writable<T> writable) {
    Subscriber<T> real = ReactiveStreams.toSubscriber(writable);
    AtomicBoolean subscribed = new AtomicBoolean();
    return new Subscriber<>() {
      @Override
      public void onSubscribe(Subscription s) {
        real.onSubscribe(s);
        if (subscribed.compareAndSet(false, true)) {
          probe.registerOnSubscribe(new SubscriberPuppet() {
            @Override
            public void triggerRequest(long elements) {
              loop.execute(() -> s.request(elements));
            }

            @Override
            public void signalCancel() {
              loop.execute(s::cancel);
            }
          });
        }
      }

      @Override
      public void onNext(T item) {
        real.onNext(item);
      }

      @Override
      public void onError(Throwable t) {
        real.onError(t);
      }

      @Override
      public void onComplete() {
        real.onComplete();
      }
    };
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }
}
