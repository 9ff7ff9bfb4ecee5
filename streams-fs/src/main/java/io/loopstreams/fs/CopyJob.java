package io.loopstreams.fs;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.fs.internal.CopyFile;
import java.nio.file.Path;

/**
 * One {@link Fs#copy}: the whole copy is one request on the offload pool ({@link CopyFile}:
 * open, copy, metadata, close), so no descriptor is held between requests. Progress goes
 * back to the loop after each step through {@link EventLoop#execute}, which shares the loop's
 * inbox with the request's completion: every progress call runs before the promise settles.
 */
final class CopyJob {

  private final EventLoop loop;
  private final Path source;
  private final Path destination;
  private final CopyOptions options;

  CopyJob(EventLoop loop, Path source, Path destination, CopyOptions options) {
    this.loop = loop;
    this.source = source;
    this.destination = destination;
    this.options = options;
  }

  Promise<Long> start() {
    CopyOptions.Progress progress = options.progress();
    CopyFile.Options how = new CopyFile.Options(options.overwrite(), options.atomic(),
        options.preserveTimestamps());
    return loop.offload(() -> CopyFile.run(source, destination, how, (copied, size) -> {
      if (progress != null) {
        loop.execute(() -> progress.onProgress(copied, Math.max(size, copied)));
      }
    }));
  }
}
