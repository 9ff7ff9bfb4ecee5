package io.loopstreams.cli;

import io.loopstreams.zlib.GzipHeader;
import io.loopstreams.zlib.ZlibException;
import io.loopstreams.zlib.ZlibOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline gzip}: gzip's and pigz's habits (-c -f -k -r -l -n -N -v -d -t, -p threads,
 * -b block size), plus {@code --zstd} / {@code --brotli}. Unlike gzip, the source is kept unless
 * {@code --rm}. The subclasses are {@code gunzip}, {@code zstd} and {@code brotli}.
 */
@Command(name = "gzip", mixinStandardHelpOptions = true, versionProvider = PipelineCommand.Version.class,
    description = "Compress FILEs to FILE.gz (or - / no FILE: stdin to stdout). The source is kept unless --rm.")
class GzipCommand extends BaseCommand implements Callable<Integer>, LevelOptions.Leveled {

  @Parameters(paramLabel = "FILE", description = "Files to process; - is standard input.")
  List<String> files = new ArrayList<>();

  @Option(names = {"-c", "--stdout"}, description = "Write to standard output, keep the files.")
  boolean toStdout;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write to OUT (one input only).")
  Path output;

  @Option(names = {"-f", "--force"}, description = "Overwrite outputs; write compressed data to a terminal.")
  boolean force;

  @Option(names = {"-k", "--keep"}, description = "Keep the source (the default; accepted for gzip's habit).")
  boolean keep;

  @Option(names = "--rm", description = "Remove the source after a successful run.")
  boolean remove;

  @Option(names = {"-d", "--decompress"}, description = "Decompress (as gunzip).")
  boolean decompress;

  @Option(names = {"-t", "--test"}, description = "Test integrity: decompress, write nothing.")
  boolean test;

  @Option(names = {"-l", "--list"}, description = "List compressed size, uncompressed size, ratio, name.")
  boolean list;

  @Option(names = {"-r", "--recursive"}, description = "Recurse into directories.")
  boolean recursive;

  @Option(names = {"-n", "--no-name"},
      description = "gzip: do not save the name and mtime in the header. gunzip: do not restore them (default).")
  boolean noName;

  @Option(names = {"-N", "--name"},
      description = "gzip: save the name and mtime in the header (default). gunzip: name the output and set its mtime from them.")
  boolean saveName;

  @Option(names = {"-p", "--processes"}, paramLabel = "N", description = "Compression threads (default: cores).")
  int processes = Runtime.getRuntime().availableProcessors();

  @Option(names = {"-b", "--blocksize"}, paramLabel = "SIZE", converter = Sizes.class,
      description = "Parallel block size, e.g. 128k (pigz's), 512k (default), 1m.")
  long blockSize = DEFAULT_BLOCK_SIZE;

  /**
   * 512 KiB, not pigz's 128 KiB: a quarter of the blocks means a quarter of the per-block costs
   * (a task hand-off, a dictionary, a sync flush marker), which on 2 cores is the difference
   * between trailing pigz and matching it; the output is also slightly smaller.
   */
  static final long DEFAULT_BLOCK_SIZE = 512 << 10;

  @Option(names = "--zstd", description = "Write zstd (.zst) instead of gzip.")
  boolean zstd;

  @Option(names = "--brotli", description = "Write brotli (.br) instead of gzip.")
  boolean brotli;

  int level = -1;

  @Override
  public void level(int value) {
    this.level = value;
  }

  Format format() {
    return zstd ? Format.ZSTD : brotli ? Format.BROTLI : Format.GZIP;
  }

  boolean decompressing() {
    return decompress || test;
  }

  @Override
  public Integer call() {
    if (processes < 1) {
      throw CliFailure.usage("-p must be at least 1: " + processes);
    }
    if (zstd && brotli) {
      throw CliFailure.usage("--zstd and --brotli exclude each other");
    }
    if (list) {
      return GzipList.print(expand(files, recursive, p -> Format.bySuffix(p.toString()) != null));
    }
    List<String> names = expand(files, recursive, p -> decompressing()
        ? Format.bySuffix(p.toString()) != null : !p.toString().endsWith(format().suffix));
    if (output != null && names.size() > 1) {
      throw CliFailure.usage("-o takes one input, not " + names.size());
    }
    configurePool(decompressing() ? 1 : processes);
    List<Transfer> transfers = new ArrayList<>();
    boolean anyStdout = false;
    for (String n : names) {
      Transfer t = decompressing() ? gunzip(Input.of(n)) : gzip(Input.of(n));
      anyStdout |= t.out.kind() == Output.Kind.STDOUT;
      transfers.add(t);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int concurrency = anyStdout ? 1 : decompressing() ? cores : Math.max(1, cores / processes);
    return new Run(name(), common, transfers).concurrency(concurrency).onSuccess(this::done).execute();
  }

  private Output outputFor(Input in, String defaultName) {
    if (test) {
      return Output.discard();
    }
    if (toStdout || (in.isStdin() && output == null)) {
      return Output.stdout();
    }
    if (output != null) {
      return Output.file(output, force);
    }
    return defaultName == null ? Output.discard() : Output.file(Path.of(defaultName), force);
  }

  private Transfer gzip(Input in) {
    Format f = format();
    Output out = outputFor(in, in.isStdin() ? null : in.label() + f.suffix);
    ZlibOptions options = gzipOptions(in);
    return new Transfer(in, out, () -> {
      checkInput(in);
      if (!force && !in.isStdin() && out.kind() == Output.Kind.FILE && output == null
          && Format.bySuffix(in.label()) == f) {
        throw new CliFailure(in.label(), "already has " + f.suffix + " suffix -- unchanged");
      }
      out.check(in, true, force);
    }, head -> List.of(f.compressor(level, options)));
  }

  private ZlibOptions gzipOptions(Input in) {
    ZlibOptions o = ZlibOptions.defaults().level(level).blockSize((int) Math.min(blockSize, 64 << 20))
        .parallelism(processes > 1 ? processes : 0);
    if (!noName && in.path() != null) {
      try {
        o = o.name(in.path().getFileName().toString())
            .mtime(Math.min(0xffffffffL, Files.getLastModifiedTime(in.path()).toMillis() / 1000));
      } catch (IOException | RuntimeException e) {
        // no header name and time: the transfer itself reports a missing input
      }
    }
    return o;
  }

  private Transfer gunzip(Input in) {
    String stripped = in.isStdin() ? null : Format.strip(in.label());
    Output out = outputFor(in, stripped);
    boolean needName = out.kind() == Output.Kind.DISCARD && !test;
    return new Transfer(in, out, () -> {
      checkInput(in);
      if (needName) {
        throw new CliFailure(in.label(), "unknown suffix -- ignored");
      }
      if (in.isStdin() && !force && Tty.isTerminal(0)) {
        throw new CliFailure(null, "compressed data not read from a terminal (use -f to force)");
      }
      out.check(in, false, force);
    }, head -> {
      Format f = Format.detect(head, Format.bySuffix(in.label()));
      if (f == null) {
        if (!head.hasRemaining()) {
          throw ZlibException.unexpectedEnd(0);
        }
        throw new CliFailure(in.label(), "not in gzip format");
      }
      if (saveName && !noName && f == Format.GZIP && out.kind() == Output.Kind.FILE && output == null) {
        restoreName(in, out, head);
      }
      return List.of(f.decompressor());
    });
  }

  /**
   * {@code gunzip -N}: the output takes the name stored in the gzip header (its last path
   * element only, as gzip does, so a stored name cannot point elsewhere), next to the input, and
   * the stored mtime. A header without a name keeps the name from the suffix.
   */
  private static void restoreName(Input in, Output out, ByteBuffer head) {
    GzipHeader h = GzipHeader.read(head);
    if (h == null) {
      return; // a header longer than Input.HEAD: the suffix rule names the output
    }
    if (h.mtime() != 0) {
      out.mtime(FileTime.from(h.mtime(), TimeUnit.SECONDS));
    }
    String stored = h.name() == null ? "" : h.name().substring(h.name().lastIndexOf('/') + 1);
    if (!stored.isEmpty() && !stored.equals(".") && !stored.equals("..")) {
      out.retarget(in.path().getParent() == null ? Path.of(stored) : in.path().getParent().resolve(stored), in);
    }
  }

  /** After the loop: -v lines and --rm (never on failure: failed transfers do not come here). */
  private void done(Transfer.Result r) {
    if (common.verbose && !common.quiet) {
      long plain = decompressing() ? r.bytesOut() : r.bytesIn();
      long packed = decompressing() ? r.bytesIn() : r.bytesOut();
      double saving = plain == 0 ? 0 : 100.0 * (plain - packed) / plain;
      System.err.printf("%s:\t%5.1f%% -- %s%n", r.input(), saving,
          test ? "OK" : "created " + r.output());
    }
    if (remove && !test && !toStdout && !r.input().equals("stdin")) {
      try {
        Files.delete(Path.of(r.input()));
      } catch (IOException e) {
        Main.reportFailure(name(), e, r.input(), common.debug);
      }
    }
  }
}
