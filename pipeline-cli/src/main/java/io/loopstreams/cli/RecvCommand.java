package io.loopstreams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "recv", mixinStandardHelpOptions = true, description = "Receive one file from a pipeline send.")
final class RecvCommand extends BaseCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new CliFailure(null, "not available yet");
  }
}
