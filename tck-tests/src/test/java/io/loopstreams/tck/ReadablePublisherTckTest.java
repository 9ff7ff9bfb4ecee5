package io.loopstreams.tck;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.reactive.ReactiveStreams;
import io.loopstreams.core.stream.Readable;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The TCK's Publisher rules against {@code ReactiveStreams.toPublisher(Readable.from(items))}. */
public class ReadablePublisherTckTest extends PublisherVerification<Integer> {

  private EventLoop loop;

  public ReadablePublisherTckTest() {
    super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void startLoop() {
    loop = EventLoop.create("tck-readable-publisher").start();
  }

  @AfterClass(alwaysRun = true)
  public void closeLoop() {
    loop.close();
  }

  @Override
  public Publisher<Integer> createPublisher(long elements) {
    return Tck.onLoop(loop, () -> ReactiveStreams.toPublisher(Readable.from(Tck.range(elements))));
  }

  @Override
  public Publisher<Integer> createFailedPublisher() {
    return Tck.onLoop(loop, () -> {
      Readable<Integer> failed = Readable.from(Tck.range(10));
      Publisher<Integer> publisher = ReactiveStreams.toPublisher(failed);
      failed.destroy(new RuntimeException("failed on purpose (createFailedPublisher)"));
      return publisher;
    });
  }
}
