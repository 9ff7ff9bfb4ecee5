package io.loopstreams.tck;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.reactive.FlowStreams;
import io.loopstreams.core.stream.Duplex;
import io.loopstreams.core.stream.PassThrough;
import io.loopstreams.core.stream.StreamOptions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.IdentityFlowProcessorVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The TCK's Processor rules against {@code FlowStreams.toFlowProcessor(new PassThrough<>(...))}. */
public class PassThroughFlowProcessorTckTest extends IdentityFlowProcessorVerification<Integer> {

  private EventLoop loop;
  private ExecutorService executor;

  public PassThroughFlowProcessorTckTest() {
    super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void startLoop() {
    loop = EventLoop.create("tck-passthrough-flow-processor").start();
    executor = Executors.newFixedThreadPool(2);
  }

  @AfterClass(alwaysRun = true)
  public void closeLoop() {
    loop.close();
    executor.shutdownNow();
  }

  @Override
  protected Flow.Processor<Integer, Integer> createIdentityFlowProcessor(int bufferSize) {
    return Tck.onLoop(loop, () -> FlowStreams.toFlowProcessor(
        new PassThrough<Integer>(StreamOptions.objects().highWaterMark(bufferSize))));
  }

  @Override
  protected Flow.Publisher<Integer> createFailedFlowPublisher() {
    return Tck.onLoop(loop, () -> {
      Duplex<Integer, Integer> failed = new PassThrough<>(StreamOptions.objects());
      Flow.Processor<Integer, Integer> processor = FlowStreams.toFlowProcessor(failed);
      failed.destroy(new RuntimeException("failed on purpose (createFailedFlowPublisher)"));
      return processor;
    });
  }

  @Override
  public long maxSupportedSubscribers() {
    return 1;
  }

  @Override
  public ExecutorService publisherExecutorService() {
    return executor;
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }
}
