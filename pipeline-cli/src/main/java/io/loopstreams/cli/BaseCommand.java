package io.loopstreams.cli;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.OffloadPool;
import io.loopstreams.core.SystemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the common options, the pool size, directory expansion. */
abstract class BaseCommand {

  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  String name() {
    return spec.name();
  }

  /**
   * Sizes the offload pool before the loop starts: {@code --threads} if given, else enough for
   * {@code wanted} concurrent compression tasks plus file I/O (at least libuv's 4).
   */
  void configurePool(int wanted) {
    int size = common.threads != null ? common.threads : Math.max(4, wanted + 1);
    if (size < 1) {
      throw CliFailure.usage("--threads must be at least 1: " + size);
    }
    System.setProperty(OffloadPool.SIZE_PROPERTY, Integer.toString(size));
  }

  /**
   * The names to process: {@code -} alone when none are given; with {@code recursive},
   * directories replaced by their regular files that {@code accept} takes, in name order.
   */
  static List<String> expand(List<String> names, boolean recursive, Predicate<Path> accept) {
    if (names == null || names.isEmpty()) {
      return List.of("-");
    }
    List<String> out = new ArrayList<>();
    for (String n : names) {
      Path p = Path.of(n);
      if (recursive && !n.equals("-") && Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile).filter(accept).sorted().forEach(f -> out.add(f.toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        out.add(n);
      }
    }
    return out;
  }

  /** Refuses a missing input, and a directory named without {@code -r}, as gzip does. */
  static void checkInput(Input in) {
    if (in.path() != null && !Files.exists(in.path())) {
      throw new SystemException(ErrorCode.ENOENT, "open", in.label(), null);
    }
    if (in.path() != null && Files.isDirectory(in.path())) {
      throw new CliFailure(in.label(), "is a directory -- ignored");
    }
  }
}
