package io.loopstreams.kafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker (broker and controller in one) in a child JVM on 127.0.0.1,
 * for the tests of one class: {@code start()} in {@code @BeforeAll}, {@code close()} in {@code
 * @AfterAll}. Ready when {@code Admin.describeCluster()} answers; a start that takes longer than
 * {@link #START_TIMEOUT} fails with the child's output. Free ports are picked, then bound by the
 * child: another process may take one in between, so a child that dies early is retried on new
 * ports. The log directory is a temp directory, removed on close.
 */
public final class TestBroker implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofSeconds(45);
  private static final int ATTEMPTS = 3;

  private final Path dir;
  private final int port;
  private final Process process;
  private final Admin admin;
  private final Thread reaper;

  private TestBroker(Path dir, int port, Process process, Admin admin, Thread reaper) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.admin = admin;
    this.reaper = reaper;
  }

  /** Starts a broker, retrying on a port race; fails after {@link #START_TIMEOUT} per attempt. */
  public static TestBroker start() throws Exception {
    IllegalStateException failure = new IllegalStateException("the test broker did not start");
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Path dir = Files.createTempDirectory("kafka-test-broker");
      try {
        return startOnce(dir);
      } catch (BrokerDied e) {
        deleteTree(dir);
        failure.addSuppressed(e); // most likely a port taken between pick and bind: retry
      } catch (Exception | Error e) {
        deleteTree(dir);
        throw e;
      }
    }
    throw failure;
  }

  private static final class BrokerDied extends Exception {
    BrokerDied(String message) {
      super(message);
    }
  }

  private static TestBroker startOnce(Path dir) throws Exception {
    int brokerPort = freePort();
    int controllerPort = freePort();
    Path config = dir.resolve("server.properties");
    Path logs = dir.resolve("logs");
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty("listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logs.toString());
    p.setProperty("auto.create.topics.enable", "false");
    // One node: every internal topic with one replica, or groups silently get no records.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    try (var out = Files.newOutputStream(config)) {
      p.store(out, "test broker");
    }
    Path output = dir.resolve("broker.out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        BrokerMain.class.getName(), config.toString(), Uuid.randomUuid().toString())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    Thread reaper = new Thread(process::destroyForcibly, "test-broker-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    Properties ap = new Properties();
    ap.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + brokerPort);
    ap.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    ap.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
    Admin admin = Admin.create(ap);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new BrokerDied("the test broker exited with " + process.exitValue() + ":\n"
              + tail(output));
        }
        try {
          // The admin client retries (with its own backoff) until this call's timeout.
          admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
              .get(3, TimeUnit.SECONDS);
          return new TestBroker(dir, brokerPort, process, admin, reaper);
        } catch (Exception notYet) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the test broker did not answer within "
                + START_TIMEOUT + ":\n" + tail(output), notYet);
          }
        }
      }
    } catch (Exception | Error e) {
      admin.close(Duration.ZERO);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Runtime.getRuntime().removeShutdownHook(reaper);
      throw e;
    }
  }

  /** {@code 127.0.0.1:port}. */
  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  /** The temp directory holding the configuration and the logs. */
  Path directory() {
    return dir;
  }

  Admin admin() {
    return admin;
  }

  /** Creates a topic and waits until it exists. */
  public void createTopic(String name, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
        .all().get(20, TimeUnit.SECONDS);
  }

  /** The group's committed offsets per partition number of {@code topic}. */
  public Map<Integer, Long> committed(String group, String topic) throws Exception {
    Map<Integer, Long> out = new java.util.TreeMap<>();
    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
        .get(20, TimeUnit.SECONDS)
        .forEach((tp, om) -> {
          if (tp.topic().equals(topic) && om != null) {
            out.put(tp.partition(), om.offset());
          }
        });
    return out;
  }

  /** Stops the broker process now (a crash, as far as clients can tell). */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    admin.close(Duration.ofSeconds(1));
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Runtime.getRuntime().removeShutdownHook(reaper);
    deleteTree(dir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path output) {
    try {
      List<String> lines = Files.readAllLines(output);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
