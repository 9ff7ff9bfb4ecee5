package io.loopstreams.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline cp SRC DST}: an atomic copy (temp file, fsync, rename), zero-copy between
 * files ({@code copy_file_range}/{@code sendfile}: a file → file pipeline with no stage in
 * between transfers directly), keeping the source's mtime and mode. {@code -} is stdin/stdout.
 */
@Command(name = "cp", mixinStandardHelpOptions = true, versionProvider = PipelineCommand.Version.class,
    description = "Copy SRC to DST atomically (DST may be a directory; - is stdin/stdout).")
final class CpCommand extends BaseCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SRC")
  String source;

  @Parameters(index = "1", paramLabel = "DST")
  String destination;

  @Option(names = {"-f", "--force"}, description = "Replace an existing DST.")
  boolean force;

  @Override
  public Integer call() {
    configurePool(1);
    Input in = Input.of(source);
    Output out;
    if (destination.equals("-")) {
      out = Output.stdout();
    } else {
      Path dst = Path.of(destination);
      if (Files.isDirectory(dst) && in.path() != null) {
        dst = dst.resolve(in.path().getFileName());
      }
      out = Output.file(dst, force);
    }
    Transfer t = new Transfer(in, out, () -> {
      checkInput(in);
      out.check(in, false, true);
    }, head -> List.of());
    return new Run(name(), common, List.of(t)).execute();
  }
}
