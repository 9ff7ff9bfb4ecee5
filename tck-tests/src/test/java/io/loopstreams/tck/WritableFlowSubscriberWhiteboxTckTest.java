package io.loopstreams.tck;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.reactive.FlowStreams;
import io.loopstreams.core.stream.Writable;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The whitebox Subscriber rules against {@code FlowStreams.toFlowSubscriber(writable)}. */
public class WritableFlowSubscriberWhiteboxTckTest extends FlowSubscriberWhiteboxVerification<Integer> {

  private EventLoop loop;

  public WritableFlowSubscriberWhiteboxTckTest() {
    super(Tck.env());
  }

  @BeforeClass
  public void startLoop() {
    loop = EventLoop.create("tck-writable-flow-whitebox").start();
  }

  @AfterClass(alwaysRun = true)
  public void closeLoop() {
    loop.close();
  }

  @Override
  protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
    Writable<Integer> writable = Tck.onLoop(loop,
        () -> WritableSubscriberWhiteboxTckTest.probedWritable(probe));
    Flow.Subscriber<Integer> real = FlowStreams.toFlowSubscriber(writable);
    AtomicBoolean subscribed = new AtomicBoolean();
    return new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
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
      public void onNext(Integer item) {
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
