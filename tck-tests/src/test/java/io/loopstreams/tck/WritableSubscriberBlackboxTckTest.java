package io.loopstreams.tck;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.reactive.ReactiveStreams;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The TCK's blackbox Subscriber rules against {@code ReactiveStreams.toSubscriber(writable)}. */
public class WritableSubscriberBlackboxTckTest extends SubscriberBlackboxVerification<Integer> {

  private EventLoop loop;

  public WritableSubscriberBlackboxTckTest() {
    super(Tck.env());
  }

  @BeforeClass
  public void startLoop() {
    loop = EventLoop.create("tck-writable-blackbox").start();
  }

  @AfterClass(alwaysRun = true)
  public void closeLoop() {
    loop.close();
  }

  @Override
  public Subscriber<Integer> createSubscriber() {
    return ReactiveStreams.toSubscriber(Tck.onLoop(loop, Tck::sinkWritable));
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }
}
