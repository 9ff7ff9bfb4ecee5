package io.loopstreams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "send", mixinStandardHelpOptions = true, description = "Send a file to a pipeline recv.")
final class SendCommand extends BaseCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new CliFailure(null, "not available yet");
  }
}
