package io.loopstreams.tck;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.reactive.ReactiveStreams;
import io.loopstreams.core.stream.Duplex;
import io.loopstreams.core.stream.PassThrough;
import io.loopstreams.core.stream.StreamOptions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.reactivestreams.Processor;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.IdentityProcessorVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The TCK's Processor rules (Publisher + whitebox Subscriber + 4.x) against {@code
 * ReactiveStreams.toProcessor(new PassThrough<>(...))} with the mark set to the buffer size
 * the TCK asks for. Unicast: {@code maxSupportedSubscribers() == 1}, so the TCK skips its
 * multi-subscriber tests itself.
 */
public class PassThroughProcessorTckTest extends IdentityProcessorVerification<Integer> {

  private EventLoop loop;
  private ExecutorService executor;

  public PassThroughProcessorTckTest() {
    super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void startLoop() {
    loop = EventLoop.create("tck-passthrough-processor").start();
    executor = Executors.newFixedThreadPool(2);
  }

  @AfterClass(alwaysRun = true)
  public void closeLoop() {
    loop.close();
    executor.shutdownNow();
  }

  /** The duplex under test; overridden by the map-transform variant. */
  protected Duplex<Integer, Integer> createDuplex(int bufferSize) {
    return new PassThrough<>(StreamOptions.objects().highWaterMark(bufferSize));
  }

  @Override
  public Processor<Integer, Integer> createIdentityProcessor(int bufferSize) {
    return Tck.onLoop(loop, () -> ReactiveStreams.toProcessor(createDuplex(bufferSize)));
  }

  @Override
  public Publisher<Integer> createFailedPublisher() {
    return Tck.onLoop(loop, () -> {
      Duplex<Integer, Integer> failed = createDuplex(16);
      Processor<Integer, Integer> processor = ReactiveStreams.toProcessor(failed);
      failed.destroy(new RuntimeException("failed on purpose (createFailedPublisher)"));
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
