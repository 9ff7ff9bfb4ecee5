package io.loopstreams.tck;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.reactive.ReactiveStreams;
import io.loopstreams.fs.Fs;
import io.loopstreams.fs.ReadOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The TCK's Publisher rules against {@code ReactiveStreams.toPublisher(Fs.createReadStream(file))}.
 * The stream reads {@value #CHUNK}-byte chunks (its mark), one chunk per element, so {@code
 * createPublisher(n)} reads a file of {@code n * CHUNK} bytes. The files are sparse (made with
 * {@code setLength}), so the {@code Integer.MAX_VALUE}-element file of rule 3.17 costs nothing:
 * the test reads a dozen chunks of it and cancels.
 */
public class FileReadablePublisherTckTest extends PublisherVerification<ByteBuffer> {

  static final int CHUNK = 4;

  private EventLoop loop;
  private Path dir;
  private final Map<Long, Path> files = new ConcurrentHashMap<>();

  public FileReadablePublisherTckTest() {
    super(Tck.env(), Tck.GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void startLoop() throws IOException {
    loop = EventLoop.create("tck-file-publisher").start();
    dir = Files.createTempDirectory("loopstreams-tck-");
  }

  @AfterClass(alwaysRun = true)
  public void closeLoop() throws IOException {
    loop.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Path fileOf(long elements) {
    return files.computeIfAbsent(elements, n -> {
      Path p = dir.resolve("elements-" + n);
      try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
        f.setLength(n * CHUNK);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return p;
    });
  }

  @Override
  public Publisher<ByteBuffer> createPublisher(long elements) {
    Path file = fileOf(elements);
    return Tck.onLoop(loop, () -> ReactiveStreams.toPublisher(
        Fs.createReadStream(file, ReadOptions.defaults().highWaterMark(CHUNK))));
  }

  @Override
  public Publisher<ByteBuffer> createFailedPublisher() {
    Path missing = dir.resolve("does-not-exist");
    return Tck.onLoop(loop, () -> ReactiveStreams.toPublisher(Fs.createReadStream(missing)));
  }

  @Override
  public long maxElementsFromPublisher() {
    return Integer.MAX_VALUE; // the largest n the TCK asks for (rule 3.17); sparse files
  }
}
