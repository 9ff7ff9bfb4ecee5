package io.loopstreams.fs;

import io.loopstreams.core.EventLoop;
import java.nio.file.Path;

/**
 * The program {@link FsCopyDescriptorLimitTest} runs in a child JVM under {@code ulimit -n}:
 * {@code SOURCE DIR N} starts N concurrent {@link Fs#copy}s of SOURCE into DIR and prints
 * {@code ok=<successes> failed=<failures> first=<first error>}.
 */
public final class ConcurrentCopiesChild {

  private ConcurrentCopiesChild() {
  }

  public static void main(String[] args) {
    Path source = Path.of(args[0]);
    Path dir = Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    int[] counts = new int[2];
    Throwable[] first = new Throwable[1];
    EventLoop.run(loop -> {
      for (int i = 0; i < n; i++) {
        Fs.copy(source, dir.resolve("copy-" + i)).onSettled((bytes, e) -> {
          counts[e == null ? 0 : 1]++;
          if (e != null && first[0] == null) {
            first[0] = e;
          }
        });
      }
    });
    System.out.println("ok=" + counts[0] + " failed=" + counts[1] + " first=" + first[0]);
  }
}
