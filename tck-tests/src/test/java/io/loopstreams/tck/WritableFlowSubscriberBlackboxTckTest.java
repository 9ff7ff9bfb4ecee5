package io.loopstreams.tck;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.reactive.FlowStreams;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The blackbox Subscriber rules against {@code FlowStreams.toFlowSubscriber(writable)}. */
public class WritableFlowSubscriberBlackboxTckTest extends FlowSubscriberBlackboxVerification<Integer> {

  private EventLoop loop;

  public WritableFlowSubscriberBlackboxTckTest() {
    super(Tck.env());
  }

  @BeforeClass
  public void startLoop() {
    loop = EventLoop.create("tck-writable-flow-blackbox").start();
  }

  @AfterClass(alwaysRun = true)
  public void closeLoop() {
    loop.close();
  }

  @Override
  public Flow.Subscriber<Integer> createFlowSubscriber() {
    return FlowStreams.toFlowSubscriber(Tck.onLoop(loop, Tck::sinkWritable));
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }
}
