package io.loopstreams.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.AbortController;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.StreamException;
import io.loopstreams.core.stream.Stream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File streams take the common stream options: a name, and Node's {@code signal} (as in
 * {@code fs.createReadStream(path, { signal })}, test-fs-read-stream-... abort cases): an abort
 * destroys the stream with an {@code AbortError} and closes the file.
 */
class FileStreamOptionsTest {

  @TempDir
  Path dir;

  @Test
  void aNameGivenInTheOptionsNamesTheStream() throws IOException {
    Path src = Files.writeString(dir.resolve("a.txt"), "abc");
    List<String> names = new ArrayList<>();
    EventLoop.run(loop -> {
      names.add(Fs.createReadStream(src, ReadOptions.defaults().name("input")).name());
      names.add(Fs.createWriteStream(dir.resolve("b.txt"), WriteOptions.defaults().name("output")).name());
      names.add(Fs.createReadStream(src).name());
    });
    assertEquals(List.of("input", "output", "FileReadStream(" + src + ")"), names);
  }

  @Test
  void anAbortedSignalDestroysBothFileStreamsWithAnAbortError() throws IOException {
    Path src = Files.write(dir.resolve("big.bin"), new byte[1 << 20]);
    Path dst = dir.resolve("out.bin");
    List<String> readLog = new ArrayList<>();
    List<String> writeLog = new ArrayList<>();
    EventLoop.run(loop -> {
      AbortController ac = new AbortController();
      FileReadStream r = Fs.createReadStream(src, ReadOptions.defaults().signal(ac.signal()));
      FileWriteStream w = Fs.createWriteStream(dst, WriteOptions.defaults().signal(ac.signal()));
      r.on(Stream.ERROR, e -> readLog.add(((StreamException) e).codeName()));
      w.on(Stream.ERROR, e -> writeLog.add(((StreamException) e).codeName()));
      r.on(Stream.CLOSE, () -> readLog.add("close"));
      w.on(Stream.CLOSE, () -> writeLog.add("close"));
      ac.abort();
    });
    // The two opens race on the pool: each stream's own order is fixed, not their interleaving.
    assertEquals(List.of("ABORT_ERR", "close"), readLog);
    assertEquals(List.of("ABORT_ERR", "close"), writeLog);
  }
}
