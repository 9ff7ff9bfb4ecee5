package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Listener;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses Node's {@code test/parallel/test-stream-readable-pause-and-resume.js}: pausing in
 * every DATA listener and resuming later still reaches END; removing a READABLE listener keeps
 * an explicit pause; a pipe that starts against a full destination waits for its DRAIN.
 */
class ReadablePauseAndResumeTest {

  @Test
  void pausingOnEveryChunkAndResumingOnTheNextImmediateReachesTheEnd() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      int[] ticks = {18};
      int[] expectedData = {19};
      Readable<Object>[] ref = new Readable[1];
      ref[0] = new Readable<>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
          if (ticks[0]-- > 0) {
            loop.nextTick(() -> push(new Object()));
            return;
          }
          push(new Object());
          push(null);
        }
      };
      Readable<Object> rs = ref[0];
      rs.on(Stream.END, () -> ev.add("end expectedData=" + expectedData[0]));
      Runnable[] readAndPause = new Runnable[1];
      readAndPause[0] = () -> {
        Listener<Object>[] ondata = new Listener[1];
        ondata[0] = data -> {
          rs.pause();
          expectedData[0]--;
          if (expectedData[0] <= 0) {
            return;
          }
          loop.setImmediate(() -> {
            rs.off(Stream.DATA, ondata[0]);
            readAndPause[0].run();
            rs.resume();
          });
        };
        rs.on(Stream.DATA, ondata[0]);
      };
      readAndPause[0].run();
    });
    assertEquals(List.of("end expectedData=0"), ev);
  }

  @Test
  void removingTheReadableListenerKeepsAnExplicitPause() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      Readable<ByteBuffer> readable = new Readable<>(StreamOptions.bytes()) {
        @Override
        protected void doRead(long size) {
        }
      };
      Runnable read = () -> { };
      readable.on(Stream.READABLE, read);
      readable.off(Stream.READABLE, read);
      readable.pause();
      loop.nextTick(() -> ev.add("isPaused:" + readable.isPaused()));
    });
    assertEquals(List.of("isPaused:true"), ev);
  }

  @Test
  void pipingIntoAFullDestinationStaysPausedUntilItsDrain() {
    List<String> ev = new ArrayList<>();
    EventLoop.run(loop -> {
      PassThrough<ByteBuffer> source = new PassThrough<>(StreamOptions.bytes().highWaterMark(16384));
      PassThrough<ByteBuffer> target = new PassThrough<>(StreamOptions.bytes().highWaterMark(16384));
      int writes = 1;
      while (target.write(ByteBuffer.allocate(1000))) {
        writes++;
      }
      ev.add("writes=" + writes + " readable=" + target.readableLength() + " writable=" + target.writableLength());
      source.pipe(target);
      target.on(Stream.DRAIN, () -> ev.add("drain paused=" + source.isPaused()));
      target.onData(d -> { });
      ev.add("paused0=" + source.isPaused());
    });
    assertEquals(List.of("writes=33 readable=17000 writable=17000", "paused0=true", "drain paused=false"), ev);
  }
}
