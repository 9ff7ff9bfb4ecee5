package io.loopstreams.core;

/**
 * Node's {@code AbortError}: code {@code ABORT_ERR}, message "The operation was aborted",
 * raised when a pipeline or operation is cancelled. The reason for the cancellation, if
 * any, is the {@linkplain #getCause() cause}, as with Node's {@code {cause}} option.
 */
public class AbortException extends StreamException {
  /** Node's {@code err.name} for this error. */
  public static final String NAME = "AbortError";

  public AbortException() {
    this(null);
  }

  public AbortException(Throwable cause) {
    this("The operation was aborted", cause);
  }

  public AbortException(String message, Throwable cause) {
    super(ErrorCode.ABORT_ERR, message, cause);
  }
}
