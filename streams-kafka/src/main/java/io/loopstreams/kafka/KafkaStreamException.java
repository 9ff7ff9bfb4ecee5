package io.loopstreams.kafka;

/**
 * A Kafka stream failed: a send the broker rejected or did not acknowledge in time, a consumer
 * error, an unknown topic. The message says what the stream was doing; the cause is Kafka's own
 * exception (for example {@code org.apache.kafka.common.errors.TimeoutException} when the broker
 * is unreachable), unchanged.
 */
public final class KafkaStreamException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public KafkaStreamException(String message, Throwable cause) {
    super(cause == null || cause.getMessage() == null ? message : message + ": " + cause.getMessage(),
        cause);
  }

  public KafkaStreamException(String message) {
    super(message);
  }
}
