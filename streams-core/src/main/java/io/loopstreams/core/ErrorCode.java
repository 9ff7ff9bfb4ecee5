package io.loopstreams.core;

/**
 * Node's error codes, so that code written against Node's documentation can test
 * {@code err.code} the same way here: {@link #code()} is exactly Node's string.
 *
 * <p>Three families share the enum. Node's own {@code ERR_*} codes carry no errno. System
 * codes carry the negative errno and the libuv description that Node puts in
 * {@code err.errno} and the message on Linux (e.g. {@code ENOENT} is {@code -2},
 * "no such file or directory"). zlib codes carry zlib's return value ({@code Z_DATA_ERROR}
 * is {@code -3}), as Node's zlib errors do in {@code err.errno}.
 */
public enum ErrorCode {
  ERR_STREAM_PREMATURE_CLOSE,
  ERR_STREAM_DESTROYED,
  ERR_STREAM_WRITE_AFTER_END,
  ERR_STREAM_ALREADY_FINISHED,
  ERR_STREAM_NULL_VALUES,
  ERR_STREAM_PUSH_AFTER_EOF,
  ERR_STREAM_UNSHIFT_AFTER_END_EVENT,
  ERR_STREAM_CANNOT_PIPE,
  ERR_MULTIPLE_CALLBACK,
  ERR_METHOD_NOT_IMPLEMENTED,
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  ERR_OUT_OF_RANGE,
  ERR_MISSING_ARGS,
  ERR_INVALID_RETURN_VALUE,
  ERR_INVALID_STATE,
  ERR_UNKNOWN_ENCODING,
  ERR_UNHANDLED_ERROR,
  ERR_UNHANDLED_REJECTION,
  ABORT_ERR,

  // System errors: Linux errno as Node reports it, and libuv's uv_strerror() text.
  ENOENT(-2, "no such file or directory"),
  EEXIST(-17, "file already exists"),
  EISDIR(-21, "illegal operation on a directory"),
  EACCES(-13, "permission denied"),
  ENOSPC(-28, "no space left on device"),
  EPIPE(-32, "broken pipe"),
  ECONNREFUSED(-111, "connection refused"),
  ECONNRESET(-104, "connection reset by peer"),
  ETIMEDOUT(-110, "connection timed out"),
  EBADF(-9, "bad file descriptor"),
  EIO(-5, "i/o error"),

  // zlib return codes (zlib.h), as in Node's zlib errors.
  Z_DATA_ERROR(-3, null),
  Z_BUF_ERROR(-5, null),
  Z_NEED_DICT(2, null),
  Z_STREAM_ERROR(-2, null),
  Z_MEM_ERROR(-4, null),

  // net: listen and lookup failures (system codes), TLS verification failures (OpenSSL's names).
  EADDRINUSE(-98, "address already in use"),
  ENOTFOUND(-3008, "unknown node or service"),
  ERR_TLS_CERT_ALTNAME_INVALID,
  DEPTH_ZERO_SELF_SIGNED_CERT,
  SELF_SIGNED_CERT_IN_CHAIN,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE,
  CERT_HAS_EXPIRED;

  private final int errno;
  private final String description;

  ErrorCode() {
    this(0, null);
  }

  ErrorCode(int errno, String description) {
    this.errno = errno;
    this.description = description;
  }

  /** Node's code string, e.g. {@code "ERR_STREAM_PREMATURE_CLOSE"}; equal to {@link #name()}. */
  public String code() {
    return name();
  }

  /** The errno Node reports with this code; {@code 0} for Node's own {@code ERR_*} codes. */
  public int errno() {
    return errno;
  }

  /** True for OS-level codes such as {@code ENOENT}, which {@link SystemException} carries. */
  public boolean isSystemError() {
    return description != null;
  }

  /**
   * libuv's description of a system code ("no such file or directory"), used in
   * {@link SystemException}'s message; {@code null} for other codes.
   */
  public String description() {
    return description;
  }
}
