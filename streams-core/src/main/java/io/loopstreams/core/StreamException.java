package io.loopstreams.core;

import java.util.Objects;

/**
 * An error carrying one of Node's {@link ErrorCode}s, so callers branch on {@link #code()}
 * as Node code branches on {@code err.code}. The factories produce Node's exact messages;
 * other modules (fs, zlib, net) raise their own coded errors through the public
 * constructors or {@link SystemException}.
 *
 * <p>Differences from Node: Node's {@code name} ({@code TypeError}, {@code RangeError},
 * {@code AbortError}) is not modelled except for {@link AbortException}; test the code
 * instead. {@link #toString()} follows Node's {@code "Name [CODE]: message"} shape with
 * the Java class name.
 */
public class StreamException extends RuntimeException {
  private final ErrorCode code;

  public StreamException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public StreamException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The error code; never null. */
  public ErrorCode code() {
    return code;
  }

  /** Node's code string, e.g. {@code "ERR_STREAM_WRITE_AFTER_END"}. */
  public String codeName() {
    return code.code();
  }

  @Override
  public String toString() {
    return getClass().getName() + " [" + code.code() + "]: " + getMessage();
  }

  // ---- predicates -------------------------------------------------------------------

  /** True if {@code t} itself (not a cause) carries {@code code}, like {@code err.code === code}. */
  public static boolean hasCode(Throwable t, ErrorCode code) {
    return t instanceof StreamException e && e.code == code;
  }

  public static boolean isPrematureClose(Throwable t) {
    return hasCode(t, ErrorCode.ERR_STREAM_PREMATURE_CLOSE);
  }

  /** True for any {@code ABORT_ERR}, as Node checks {@code err.name === 'AbortError'}. */
  public static boolean isAbort(Throwable t) {
    return t instanceof AbortException || hasCode(t, ErrorCode.ABORT_ERR);
  }

  // ---- factories with Node's messages (lib/internal/errors.js) -------------------------

  public static StreamException prematureClose() {
    return new StreamException(ErrorCode.ERR_STREAM_PREMATURE_CLOSE, "Premature close");
  }

  public static StreamException writeAfterEnd() {
    return new StreamException(ErrorCode.ERR_STREAM_WRITE_AFTER_END, "write after end");
  }

  /** {@code destroyed("write")}: "Cannot call write after a stream was destroyed". */
  public static StreamException destroyed(String method) {
    return new StreamException(ErrorCode.ERR_STREAM_DESTROYED,
        "Cannot call " + method + " after a stream was destroyed");
  }

  /** {@code alreadyFinished("end")}: "Cannot call end after a stream was finished". */
  public static StreamException alreadyFinished(String method) {
    return new StreamException(ErrorCode.ERR_STREAM_ALREADY_FINISHED,
        "Cannot call " + method + " after a stream was finished");
  }

  public static StreamException pushAfterEof() {
    return new StreamException(ErrorCode.ERR_STREAM_PUSH_AFTER_EOF, "stream.push() after EOF");
  }

  public static StreamException unshiftAfterEnd() {
    return new StreamException(ErrorCode.ERR_STREAM_UNSHIFT_AFTER_END_EVENT,
        "stream.unshift() after end event");
  }

  public static StreamException multipleCallback() {
    return new StreamException(ErrorCode.ERR_MULTIPLE_CALLBACK, "Callback called multiple times");
  }

  public static StreamException nullValues() {
    return new StreamException(ErrorCode.ERR_STREAM_NULL_VALUES, "May not write null values to stream");
  }

  public static StreamException cannotPipe() {
    return new StreamException(ErrorCode.ERR_STREAM_CANNOT_PIPE, "Cannot pipe, not readable");
  }

  /** {@code methodNotImplemented("_write()")}: "The _write() method is not implemented". */
  public static StreamException methodNotImplemented(String method) {
    return new StreamException(ErrorCode.ERR_METHOD_NOT_IMPLEMENTED,
        "The " + method + " method is not implemented");
  }

  public static StreamException invalidState(String detail) {
    return new StreamException(ErrorCode.ERR_INVALID_STATE, "Invalid state: " + detail);
  }

  public static StreamException unknownEncoding(String encoding) {
    return new StreamException(ErrorCode.ERR_UNKNOWN_ENCODING, "Unknown encoding: " + encoding);
  }

  public static AbortException abort() {
    return new AbortException(null);
  }

  public static AbortException abort(Throwable cause) {
    return new AbortException(cause);
  }

  /**
   * {@code outOfRange("size", ">= 0", -1)}: {@code The value of "size" is out of range.
   * It must be >= 0. Received -1}. Integers beyond 2^32 get Node's {@code _} separators.
   */
  public static StreamException outOfRange(String name, String range, Object value) {
    return new StreamException(ErrorCode.ERR_OUT_OF_RANGE, "The value of \"" + name
        + "\" is out of range. It must be " + range + ". Received " + ErrorText.received(value));
  }

  /** {@code The argument 'name' is invalid. Received 'value'}. */
  public static StreamException invalidArgValue(String name, Object value) {
    return invalidArgValue(name, value, "is invalid");
  }

  /** {@code The argument 'name' <reason>. Received <value>}; "property" when the name has a dot. */
  public static StreamException invalidArgValue(String name, Object value, String reason) {
    String type = name.contains(".") ? "property" : "argument";
    return new StreamException(ErrorCode.ERR_INVALID_ARG_VALUE, "The " + type + " '" + name + "' "
        + reason + ". Received " + ErrorText.inspect(value));
  }

  /** {@code missingArgs("streams")}: {@code The "streams" argument must be specified}. */
  public static StreamException missingArgs(String... names) {
    return new StreamException(ErrorCode.ERR_MISSING_ARGS, ErrorText.missingArgs(names));
  }

  /** What emitting {@code ERROR} with no listener throws for a checked exception or null. */
  public static StreamException unhandledError(Throwable value) {
    String shown = value == null ? "null"
        : value.getMessage() != null ? value.getMessage() : value.toString();
    return new StreamException(ErrorCode.ERR_UNHANDLED_ERROR, "Unhandled error. (" + shown + ")", value);
  }
}
