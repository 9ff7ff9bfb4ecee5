package io.loopstreams.cli;

import java.io.PrintStream;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The {@code pipeline} command's entry point: parses with picocli, runs the subcommand, and
 * turns every failure into one line {@code pipeline: CMD: SUBJECT: MESSAGE} and an exit code:
 * 0 success, 1 failure, 2 usage error, 130 Ctrl-C (the JVM's own status after SIGINT, once the
 * shutdown hook has removed the temp files).
 */
public final class Main {

  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;

  private Main() {
  }

  public static void main(String[] args) {
    int code = run(args);
    System.out.flush();
    System.exit(code);
  }

  static int run(String[] args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine cl = PipelineCommand.commandLine(args);
    LevelOptions.install(cl);
    cl.setParameterExceptionHandler((ex, a) -> {
      String cmd = ex.getCommandLine().getCommandName();
      PrintStream err = System.err;
      err.println(prefix(cmd) + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, cmdLine, parseResult) -> {
      reportFailure(cmdLine.getCommandName(), ex, null, debug);
      return ex instanceof CliFailure f ? f.exitCode() : FAILURE;
    });
    return cl.execute(args);
  }

  /** Prints {@code pipeline: CMD: SUBJECT: MESSAGE} (and the stack trace with --debug). */
  static void reportFailure(String command, Throwable error, String subject, boolean debug) {
    System.err.println(prefix(command) + ErrorText.of(error, subject));
    if (debug) {
      error.printStackTrace();
    }
  }

  private static String prefix(String command) {
    return command == null || command.equals("pipeline") ? "pipeline: " : "pipeline: " + command + ": ";
  }
}
