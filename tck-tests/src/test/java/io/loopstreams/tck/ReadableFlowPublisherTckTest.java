package io.loopstreams.tck;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.reactive.FlowStreams;
import io.loopstreams.core.stream.Readable;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The TCK's Publisher rules against {@code FlowStreams.toFlowPublisher(Readable.from(items))}. */
public class ReadableFlowPublisherTckTest extends FlowPublisherVerification<Integer> {

  private EventLoop loop;

  public ReadableFlowPublisherTckTest() {
    super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void startLoop() {
    loop = EventLoop.create("tck-readable-flow-publisher").start();
  }

  @AfterClass(alwaysRun = true)
  public void closeLoop() {
    loop.close();
  }

  @Override
  public Flow.Publisher<Integer> createFlowPublisher(long elements) {
    return Tck.onLoop(loop, () -> FlowStreams.toFlowPublisher(Readable.from(Tck.range(elements))));
  }

  @Override
  public Flow.Publisher<Integer> createFailedFlowPublisher() {
    return Tck.onLoop(loop, () -> {
      Readable<Integer> failed = Readable.from(Tck.range(10));
      Flow.Publisher<Integer> publisher = FlowStreams.toFlowPublisher(failed);
      failed.destroy(new RuntimeException("failed on purpose (createFailedFlowPublisher)"));
      return publisher;
    });
  }
}
