package io.loopstreams.fs;

import static io.loopstreams.fs.FsTestSupport.ascii;
import static io.loopstreams.fs.FsTestSupport.fdsOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.stream.Stream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Destroying file streams: Node's {@code test-fs-stream-destroy-emit-error.js}, {@code
 * test-fs-read-stream-double-close.js} and {@code test-fs-write-stream-destroy.js}. Destroy
 * mid-read or mid-write closes the file (the process's descriptor count returns to where it
 * was), waits for the request in flight, and emits [ERROR] then CLOSE once; no END/FINISH.
 */
class FsStreamDestroyTest {

  @TempDir
  Path dir;
  Path big;

  @BeforeEach
  void bigFile() throws IOException {
    big = Files.write(dir.resolve("big.bin"), new byte[8 << 20]);
    // Warm-up: the first streams load classes and may open JDK-internal descriptors.
    EventLoop.run(loop -> {
      Fs.createReadStream(big).resume();
      Fs.createWriteStream(dir.resolve("warm")).end(ascii("x"));
    });
  }

  @Test
  void destroyMidReadClosesTheFileAndEmitsCloseWithoutEnd() {
    int before = fdsOn(big);
    List<String> events = new ArrayList<>();
    int[] during = {0};
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(big);
      in.onData(b -> {
        if (events.isEmpty()) {
          events.add("data");
          during[0] = fdsOn(big);
          in.destroy();
        }
      });
      in.on(Stream.END, () -> events.add("end"));
      in.on(Stream.ERROR, e -> events.add("error"));
      in.on(Stream.CLOSE, () -> events.add("close:" + in.closed()));
    });
    assertEquals(List.of("data", "close:true"), events);
    assertEquals(before + 1, during[0], "the file was open while reading");
    assertEquals(before, fdsOn(big));
  }

  @Test
  void destroyWhileAReadIsInFlightWaitsForItThenCloses() {
    int before = fdsOn(big);
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(big);
      in.on(FileReadStream.READY, () -> {
        in.read(0); // starts a read on the pool
        in.destroy(new IllegalStateException("stop"));
        events.add("destroyed:" + in.destroyed() + ",closed:" + in.closed());
      });
      in.on(Stream.ERROR, e -> events.add("error:" + e.getMessage()));
      in.on(Stream.CLOSE, () -> events.add("close"));
    });
    assertEquals(List.of("destroyed:true,closed:false", "error:stop", "close"), events);
    assertEquals(before, fdsOn(big));
  }

  @Test
  void destroyBeforeOpenClosesOnceTheOpenCompletes() {
    int before = fdsOn(big);
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(big);
      in.on(FileReadStream.OPEN, p -> events.add("open"));
      in.on(Stream.CLOSE, () -> events.add("close"));
      in.destroy();
    });
    assertEquals(List.of("open", "close"), events);
    assertEquals(before, fdsOn(big));
  }

  @Test
  void destroyWithErrorEmitsErrorThenCloseOnce() {
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(big);
      in.on(Stream.ERROR, e -> events.add("error:" + e.getMessage()));
      in.on(Stream.CLOSE, () -> events.add("close"));
      in.destroy(new IllegalStateException("kaboom"));
      in.destroy(new IllegalStateException("second"));
    });
    assertEquals(List.of("error:kaboom", "close"), events);
  }

  @Test
  void destroyMidWriteClosesTheFileAndEmitsCloseWithoutFinish() {
    int before = fdsOn(dir.resolve("out.bin"));
    List<String> events = new ArrayList<>();
    int[] during = {0};
    EventLoop.run(loop -> {
      FileWriteStream out = Fs.createWriteStream(dir.resolve("out.bin"));
      out.on(FileWriteStream.READY, () -> {
        during[0] = fdsOn(dir.resolve("out.bin"));
        out.write(ByteBuffer.allocate(1 << 20), e -> events.add("write cb:" + e));
        out.destroy(); // the write is in flight: the close waits for it
        events.add("destroyed");
      });
      out.on(Stream.FINISH, () -> events.add("finish"));
      out.on(Stream.CLOSE, () -> events.add("close:" + out.closed()));
    });
    assertEquals("destroyed", events.get(0));
    assertEquals("close:true", events.get(events.size() - 1));
    assertTrue(!events.contains("finish"), events.toString());
    assertEquals(before + 1, during[0], "the file was open while writing");
    assertEquals(before, fdsOn(dir.resolve("out.bin")));
  }

  /** Node's {@code test-fs-read-stream-double-close.js}: both callbacks are called, one CLOSE. */
  @Test
  void closeTwiceCallsBothCallbacksAndClosesOnce() {
    int before = fdsOn(big);
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      FileReadStream in = Fs.createReadStream(big);
      in.on(Stream.CLOSE, () -> events.add("close"));
      in.close(e -> events.add("cb1:" + (e == null ? null : ((io.loopstreams.core.StreamException) e).codeName())));
      in.close(e -> events.add("cb2:" + (e == null ? null : ((io.loopstreams.core.StreamException) e).codeName())));
    });
    assertEquals(List.of("close", "cb1:ERR_STREAM_PREMATURE_CLOSE", "cb2:ERR_STREAM_PREMATURE_CLOSE"), events);
    assertEquals(before, fdsOn(big));
  }
}
