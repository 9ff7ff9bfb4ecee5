package io.loopstreams.fs;

import io.loopstreams.core.stream.Readable;
import io.loopstreams.core.stream.Stream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers of the fs tests: event recording, fd counting, root detection. */
final class FsTestSupport {

  private FsTestSupport() {
  }

  /** What a read stream delivered: the bytes, the chunk sizes and the events in order. */
  static final class Recorded {
    final StringBuilder text = new StringBuilder();
    final List<Integer> chunkSizes = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    Throwable error;
  }

  /** Consumes {@code in} in flowing mode, recording everything. */
  static Recorded record(Readable<ByteBuffer> in) {
    Recorded r = new Recorded();
    in.on(FileReadStream.OPEN, p -> r.events.add("open"));
    in.on(FileReadStream.READY, () -> r.events.add("ready"));
    in.onData(b -> {
      r.chunkSizes.add(b.remaining());
      r.text.append(StandardCharsets.ISO_8859_1.decode(b.duplicate()));
      if (r.events.isEmpty() || !r.events.get(r.events.size() - 1).equals("data")) {
        r.events.add("data");
      }
    });
    in.on(Stream.END, () -> r.events.add("end"));
    in.on(Stream.ERROR, e -> {
      r.error = e;
      r.events.add("error");
    });
    in.on(Stream.CLOSE, () -> r.events.add("close"));
    return r;
  }

  /** Open file descriptors of this JVM right now. */
  static int openFds() {
    String[] names = new File("/proc/self/fd").list();
    if (names == null) {
      throw new IllegalStateException("/proc/self/fd is not readable");
    }
    return names.length;
  }

  /**
   * Descriptors of this process open on {@code file}: the precise check for "this stream closed
   * its file" (the total count also moves when the JVM itself opens something, e.g. a jar).
   */
  static int fdsOn(Path file) {
    return fdsMatching(real(file), false);
  }

  /** Descriptors of this process open on anything inside {@code directory}. */
  static int fdsUnder(Path directory) {
    return fdsMatching(real(directory), true);
  }

  /** The path as /proc/self/fd shows it: symbolic links resolved (the file may not exist yet). */
  private static Path real(Path p) {
    Path abs = p.toAbsolutePath();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      try {
        return abs.getParent().toRealPath().resolve(abs.getFileName());
      } catch (IOException e2) {
        return abs;
      }
    }
  }

  private static int fdsMatching(Path target, boolean inside) {
    int n = 0;
    String[] names = new File("/proc/self/fd").list();
    if (names == null) {
      throw new IllegalStateException("/proc/self/fd is not readable");
    }
    for (String fd : names) {
      try {
        Path link = Files.readSymbolicLink(Path.of("/proc/self/fd", fd));
        if (inside ? link.startsWith(target) : link.equals(target)) {
          n++;
        }
      } catch (IOException e) {
        // closed between the listing and the read: not open on the file
      }
    }
    return n;
  }

  /** Whether this JVM runs with uid 0 (from /proc/self/status, like {@code id -u}). */
  static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[1].equals("0");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return false;
  }

  static ByteBuffer ascii(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }
}
