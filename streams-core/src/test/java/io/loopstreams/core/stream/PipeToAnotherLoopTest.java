package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.loopstreams.core.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code pipe()} into a stream of another loop fails at the call, with the same error as {@link
 * Pipeline#run} gives for the same streams, instead of throwing at the first chunk inside the
 * source's loop. (No Node counterpart: Node has one loop per thread and no way to share a
 * stream between them.)
 */
class PipeToAnotherLoopTest {

  private EventLoop other;
  private Writable<Integer> foreign;
  private final List<Integer> written = new ArrayList<>();

  @BeforeEach
  void foreignWritable() throws Exception {
    other = EventLoop.create("other").start();
    foreign = other.call(() -> Writable.<Integer>create(StreamOptions.objects(), (c, cb) -> {
      written.add(c);
      cb.done();
    })).get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void closeOther() {
    other.close();
  }

  @Test
  void pipeToAWritableOfAnotherLoopFailsAtOnceLikePipelineRun() {
    List<String> errors = new ArrayList<>();
    List<Boolean> flowing = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<Integer> source = Readable.from(List.of(1, 2, 3));
      IllegalStateException fromPipeline = assertThrows(IllegalStateException.class,
          () -> Pipeline.run(source, foreign));
      IllegalStateException fromPipe = assertThrows(IllegalStateException.class,
          () -> source.pipe(foreign));
      errors.add(fromPipeline.getMessage());
      errors.add(fromPipe.getMessage());
      flowing.add(source.readableFlowing());
    });
    assertEquals("called from thread " + Thread.currentThread().getName() + ", but " + foreign
        + " belongs to loop other (thread loopstreams-other); use loop.execute() to get there",
        errors.get(0));
    assertEquals(errors.get(0), errors.get(1));
    assertEquals(List.of(), written, "nothing reached the foreign writable");
    assertEquals(java.util.Collections.singletonList(null), flowing, "the source was not attached");
  }
}
