package io.loopstreams.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands; alone, it is a usage error. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, versionProvider = PipelineCommand.Version.class,
    description = "Copy, compress, decompress and ship large files: atomic outputs, progress, verified transfers.",
    footer = {"", "Exit status: 0 success, 1 failure, 2 usage error, 130 interrupted (Ctrl-C)."})
final class PipelineCommand implements Callable<Integer> {

  /** The subcommands, in help order; created on demand (reflecting over all costs ~150 ms). */
  static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("cp", CpCommand::new);
    COMMANDS.put("gzip", GzipCommand::new);
    COMMANDS.put("gunzip", GunzipCommand::new);
    COMMANDS.put("zstd", ZstdCommand::new);
    COMMANDS.put("brotli", BrotliCommand::new);
    COMMANDS.put("cat", CatCommand::new);
    COMMANDS.put("send", SendCommand::new);
    COMMANDS.put("recv", RecvCommand::new);
  }

  /**
   * The command line for {@code args}: when the first argument names a subcommand only that
   * one is modelled (start-up time matters in scripts), otherwise all of them (help, errors).
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cl = new CommandLine(new PipelineCommand());
    Supplier<Object> only = args.length > 0 ? COMMANDS.get(args[0]) : null;
    if (only != null) {
      cl.addSubcommand(args[0], only.get());
    } else {
      COMMANDS.forEach((name, factory) -> cl.addSubcommand(name, factory.get()));
    }
    return cl;
  }

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
