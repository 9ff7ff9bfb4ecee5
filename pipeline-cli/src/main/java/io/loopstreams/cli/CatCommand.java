package io.loopstreams.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline cat}: like {@code zcat -f}, writes each FILE to standard output, decompressing
 * gzip, zlib, zstd (and brotli, named {@code .br}) members recognised by content, copying
 * anything else as it is.
 */
@Command(name = "cat", mixinStandardHelpOptions = true, versionProvider = PipelineCommand.Version.class,
    description = "Write FILEs to stdout, decompressing compressed ones (zcat -f).")
final class CatCommand extends BaseCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "Files to write; - is standard input.")
  List<String> files = new ArrayList<>();

  @Override
  public Integer call() {
    configurePool(1);
    List<Transfer> transfers = new ArrayList<>();
    for (String n : expand(files, false, p -> true)) {
      Input in = Input.of(n);
      Output out = Output.stdout();
      transfers.add(new Transfer(in, out, () -> checkInput(in), head -> {
        Format f = Format.detect(head, Format.bySuffix(in.label()));
        return f == null ? List.of() : List.of(f.decompressor());
      }));
    }
    return new Run(name(), common, transfers).execute();
  }
}
