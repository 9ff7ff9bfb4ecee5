package io.loopstreams.cli;

/**
 * A failure the user caused or must fix, reported as one line {@code pipeline: CMD: SUBJECT:
 * MESSAGE} and exit code 1 (or {@link Main#USAGE} for a usage error). Carries no stack trace.
 */
final class CliFailure extends RuntimeException {

  private final String subject;
  private final int exitCode;

  CliFailure(String subject, String message) {
    this(subject, message, Main.FAILURE);
  }

  CliFailure(String subject, String message, int exitCode) {
    super(message, null, false, false);
    this.subject = subject;
    this.exitCode = exitCode;
  }

  /** A failure of {@code cause} told about {@code subject}; {@code --debug} prints the cause's trace. */
  CliFailure(String subject, String message, Throwable cause) {
    super(message, cause, false, false);
    this.subject = subject;
    this.exitCode = Main.FAILURE;
  }

  static CliFailure usage(String message) {
    return new CliFailure(null, message, Main.USAGE);
  }

  /** The file or endpoint the message is about, or null. */
  String subject() {
    return subject;
  }

  int exitCode() {
    return exitCode;
  }
}
