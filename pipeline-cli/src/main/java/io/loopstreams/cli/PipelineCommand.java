package io.loopstreams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands; alone, it is a usage error. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, versionProvider = PipelineCommand.Version.class,
    description = "Copy, compress, decompress and ship large files: atomic outputs, progress, verified transfers.",
    subcommands = {CpCommand.class, GzipCommand.class, GunzipCommand.class, ZstdCommand.class,
        BrotliCommand.class, CatCommand.class, SendCommand.class, RecvCommand.class},
    footer = {"", "Exit status: 0 success, 1 failure, 2 usage error, 130 interrupted (Ctrl-C)."})
final class PipelineCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a command (cp, gzip, gunzip, cat, send, recv)");
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PipelineCommand.class.getPackage().getImplementationVersion();
      return new String[] {"pipeline " + (v == null ? "(development build)" : v)
          + " (loopstreams; Java " + Runtime.version() + ")"};
    }
  }
}
