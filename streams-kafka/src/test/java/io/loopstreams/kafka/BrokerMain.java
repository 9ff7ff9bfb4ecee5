package io.loopstreams.kafka;

import java.io.PrintStream;

/**
 * Entry point of the test broker's child JVM: formats the KRaft storage (Kafka 4 refuses an
 * unformatted log directory), then runs {@code kafka.Kafka} with the same configuration file.
 *
 * <p>Arguments: the configuration file, the cluster id.
 */
public final class BrokerMain {

  private BrokerMain() {
  }

  public static void main(String[] args) throws Exception {
    String config = args[0];
    String clusterId = args[1];
    PrintStream out = System.out;
    int formatted = kafka.tools.StorageTool.execute(
        new String[] {"format", "-t", clusterId, "-c", config}, out);
    if (formatted != 0) {
      System.err.println("storage format failed with " + formatted);
      System.exit(2);
    }
    kafka.Kafka.main(new String[] {config});
  }
}
