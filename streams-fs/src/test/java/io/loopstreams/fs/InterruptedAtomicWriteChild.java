package io.loopstreams.fs;

import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The program that {@link TempFilesShutdownTest} starts in a child JVM and kills half-way:
 * {@code copy SOURCE DEST} runs an atomic {@link Fs#copy} (the source is a FIFO that the parent
 * feeds and never closes, so the copy stays mid-way); {@code write DEST} writes 1 MiB through
 * an atomic write stream and never ends it. Prints {@code READY} once it has started.
 */
public final class InterruptedAtomicWriteChild {

  private InterruptedAtomicWriteChild() {
  }

  public static void main(String[] args) {
    EventLoop.run(loop -> {
      if (args[0].equals("copy")) {
        Fs.copy(Path.of(args[1]), Path.of(args[2]), CopyOptions.defaults().atomic(true));
        System.out.println("READY");
      } else {
        FileWriteStream out = Fs.createWriteStream(Path.of(args[1]), WriteOptions.defaults().atomic(true));
        out.write(ByteBuffer.allocate(1 << 20), e -> System.out.println("READY"));
        loop.setInterval(() -> { }, 60_000); // keeps the loop, and the unfinished write, alive
      }
      System.out.flush();
    });
  }
}
