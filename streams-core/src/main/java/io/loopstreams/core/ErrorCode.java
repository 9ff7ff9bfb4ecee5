package io.loopstreams.core;

/**
 * Node's error codes, so that code written against Node's documentation can test
 * {@code err.code} the same way here: {@link #code()} is exactly Node's string.
 *
 * <p>Three families share the enum. Node's own {@code ERR_*} codes carry no errno. System
 * codes carry the negative errno and the libuv description that Node puts in
 * {@code err.errno} and the message on Linux (e.g. {@code ENOENT} is {@code -2},
 * "no such file or directory"). zlib codes carry zlib's return value ({@code Z_DATA_ERROR}
 * is {@code -3}), as Node's zlib errors do in {@code err.errno}. The system codes form one
 * table, each with the text by which a JDK exception reports it ({@link SystemException#codeOf}).
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
  ERR_FS_FILE_TOO_LARGE,
  ERR_MISSING_ARGS,
  ERR_INVALID_RETURN_VALUE,
  ERR_INVALID_STATE,
  ERR_UNKNOWN_ENCODING,
  ERR_UNHANDLED_ERROR,
  ERR_UNHANDLED_REJECTION,
  ABORT_ERR,

  // System errors, the whole set Node knows on Linux (util.getSystemErrorMap() of Node 20):
  // code(errno, libuv's uv_strerror() text that Node's message uses, the text the JDK puts in
  // its exceptions: glibc's strerror(), or the JDK's own wording; null when the JDK never
  // reports it as text).
  EPERM(-1, "operation not permitted", "Operation not permitted"),
  ENOENT(-2, "no such file or directory", "No such file or directory"),
  ESRCH(-3, "no such process", "No such process"),
  EINTR(-4, "interrupted system call", "Interrupted system call"),
  EIO(-5, "i/o error", "Input/output error"),
  ENXIO(-6, "no such device or address", "No such device or address"),
  E2BIG(-7, "argument list too long", "Argument list too long"),
  EBADF(-9, "bad file descriptor", "Bad file descriptor"),
  EAGAIN(-11, "resource temporarily unavailable", "Resource temporarily unavailable"),
  ENOMEM(-12, "not enough memory", "Cannot allocate memory"),
  EACCES(-13, "permission denied", "Permission denied"),
  EFAULT(-14, "bad address in system call argument", "Bad address"),
  EBUSY(-16, "resource busy or locked", "Device or resource busy"),
  EEXIST(-17, "file already exists", "File exists"),
  EXDEV(-18, "cross-device link not permitted", "Invalid cross-device link"),
  ENODEV(-19, "no such device", "No such device"),
  ENOTDIR(-20, "not a directory", "Not a directory"),
  EISDIR(-21, "illegal operation on a directory", "Is a directory"),
  EINVAL(-22, "invalid argument", "Invalid argument"),
  ENFILE(-23, "file table overflow", "Too many open files in system"),
  EMFILE(-24, "too many open files", "Too many open files"),
  ENOTTY(-25, "inappropriate ioctl for device", "Inappropriate ioctl for device"),
  ETXTBSY(-26, "text file is busy", "Text file busy"),
  EFBIG(-27, "file too large", "File too large"),
  ENOSPC(-28, "no space left on device", "No space left on device"),
  ESPIPE(-29, "invalid seek", "Illegal seek"),
  EROFS(-30, "read-only file system", "Read-only file system"),
  EMLINK(-31, "too many links", "Too many links"),
  EPIPE(-32, "broken pipe", "Broken pipe"),
  ERANGE(-34, "result too large", "Numerical result out of range"),
  ENAMETOOLONG(-36, "name too long", "File name too long"),
  ENOSYS(-38, "function not implemented", "Function not implemented"),
  ENOTEMPTY(-39, "directory not empty", "Directory not empty"),
  ELOOP(-40, "too many symbolic links encountered", "Too many levels of symbolic links"),
  EUNATCH(-49, "protocol driver not attached", "Protocol driver not attached"),
  ENODATA(-61, "no data available", "No data available"),
  ENONET(-64, "machine is not on the network", "Machine is not on the network"),
  EPROTO(-71, "protocol error", "Protocol error"),
  EOVERFLOW(-75, "value too large for defined data type", "Value too large for defined data type"),
  EILSEQ(-84, "illegal byte sequence", "Invalid or incomplete multibyte or wide character"),
  ENOTSOCK(-88, "socket operation on non-socket", "Socket operation on non-socket"),
  EDESTADDRREQ(-89, "destination address required", "Destination address required"),
  EMSGSIZE(-90, "message too long", "Message too long"),
  EPROTOTYPE(-91, "protocol wrong type for socket", "Protocol wrong type for socket"),
  ENOPROTOOPT(-92, "protocol not available", "Protocol not available"),
  EPROTONOSUPPORT(-93, "protocol not supported", "Protocol not supported"),
  ESOCKTNOSUPPORT(-94, "socket type not supported", "Socket type not supported"),
  ENOTSUP(-95, "operation not supported on socket", "Operation not supported"),
  EAFNOSUPPORT(-97, "address family not supported", "Address family not supported by protocol"),
  EADDRINUSE(-98, "address already in use", "Address already in use"),
  EADDRNOTAVAIL(-99, "address not available", "Cannot assign requested address"),
  ENETDOWN(-100, "network is down", "Network is down"),
  ENETUNREACH(-101, "network is unreachable", "Network is unreachable"),
  ECONNABORTED(-103, "software caused connection abort", "Software caused connection abort"),
  ECONNRESET(-104, "connection reset by peer", "Connection reset"),
  ENOBUFS(-105, "no buffer space available", "No buffer space available"),
  EISCONN(-106, "socket is already connected", "Transport endpoint is already connected"),
  ENOTCONN(-107, "socket is not connected", "Transport endpoint is not connected"),
  ESHUTDOWN(-108, "cannot send after transport endpoint shutdown",
      "Cannot send after transport endpoint shutdown"),
  ETIMEDOUT(-110, "connection timed out", "Connection timed out"),
  ECONNREFUSED(-111, "connection refused", "Connection refused"),
  EHOSTDOWN(-112, "host is down", "Host is down"),
  EHOSTUNREACH(-113, "host is unreachable", "No route to host"),
  EALREADY(-114, "connection already in progress", "Operation already in progress"),
  EREMOTEIO(-121, "remote I/O error", "Remote I/O error"),
  ECANCELED(-125, "operation canceled", "Operation canceled"),
  EAI_ADDRFAMILY(-3000, "address family not supported", null),
  EAI_AGAIN(-3001, "temporary failure", null),
  EAI_BADFLAGS(-3002, "bad ai_flags value", null),
  EAI_CANCELED(-3003, "request canceled", null),
  EAI_FAIL(-3004, "permanent failure", null),
  EAI_FAMILY(-3005, "ai_family not supported", null),
  EAI_MEMORY(-3006, "out of memory", null),
  EAI_NODATA(-3007, "no address", null),
  EAI_NONAME(-3008, "unknown node or service", null),
  /** What Node reports for EAI_NONAME / EAI_NODATA: {@code getaddrinfo ENOTFOUND <host>}. */
  ENOTFOUND(-3008, "unknown node or service", null),
  EAI_OVERFLOW(-3009, "argument buffer overflow", null),
  EAI_SERVICE(-3010, "service not available for socket type", null),
  EAI_SOCKTYPE(-3011, "socket type not supported", null),
  EAI_BADHINTS(-3013, "invalid value for hints", null),
  EAI_PROTOCOL(-3014, "resolved protocol is unknown", null),
  EFTYPE(-4028, "inappropriate file type or format", null),
  ECHARSET(-4080, "invalid Unicode character", null),
  UNKNOWN(-4094, "unknown error", null),
  EOF(-4095, "end of file", null),

  // zlib return codes (zlib.h), as in Node's zlib errors.
  Z_DATA_ERROR(-3, null),
  Z_BUF_ERROR(-5, null),
  Z_NEED_DICT(2, null),
  Z_STREAM_ERROR(-2, null),
  Z_MEM_ERROR(-4, null),

  // TLS verification failures (OpenSSL's names, as Node's tls reports them).
  ERR_TLS_CERT_ALTNAME_INVALID,
  DEPTH_ZERO_SELF_SIGNED_CERT,
  SELF_SIGNED_CERT_IN_CHAIN,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE,
  CERT_HAS_EXPIRED,

  // TLS protocol failures: OpenSSL's reason codes, as Node's tls reports them. A fatal alert
  // from the peer is ERR_SSL_<family>_ALERT_<name>, the family being the protocol version that
  // defined the alert (OpenSSL's ssl/ssl_err.c).
  ERR_SSL_WRONG_VERSION_NUMBER,
  ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE,
  ERR_SSL_SSLV3_ALERT_UNEXPECTED_MESSAGE,
  ERR_SSL_SSLV3_ALERT_BAD_RECORD_MAC,
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE,
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE,
  ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE,
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED,
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED,
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN,
  ERR_SSL_SSLV3_ALERT_ILLEGAL_PARAMETER,
  ERR_SSL_TLSV1_ALERT_RECORD_OVERFLOW,
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA,
  ERR_SSL_TLSV1_ALERT_ACCESS_DENIED,
  ERR_SSL_TLSV1_ALERT_DECODE_ERROR,
  ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR,
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION,
  ERR_SSL_TLSV1_ALERT_INSUFFICIENT_SECURITY,
  ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR,
  ERR_SSL_TLSV1_ALERT_USER_CANCELLED,
  ERR_SSL_TLSV1_ALERT_NO_RENEGOTIATION,
  ERR_SSL_TLSV1_ALERT_UNSUPPORTED_EXTENSION,
  ERR_SSL_TLSV1_UNRECOGNIZED_NAME,
  ERR_SSL_TLSV1_BAD_CERTIFICATE_STATUS_RESPONSE,
  ERR_SSL_TLSV1_ALERT_UNKNOWN_PSK_IDENTITY,
  ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL,
  ERR_SSL_TLSV1_ALERT_INAPPROPRIATE_FALLBACK,
  ERR_SSL_TLSV13_ALERT_MISSING_EXTENSION,
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED;

  private static final ErrorCode[] VALUES = values();

  private final int errno;
  private final String description;
  private final String osText;

  ErrorCode() {
    this(0, null, null);
  }

  ErrorCode(int errno, String description) {
    this(errno, description, null);
  }

  ErrorCode(int errno, String description, String osText) {
    this.errno = errno;
    this.description = description;
    this.osText = osText;
  }

  /** The system code with Node's {@code errno} (e.g. -24: {@code EMFILE}), or null. */
  public static ErrorCode ofErrno(int errno) {
    for (ErrorCode c : VALUES) {
      if (c.errno == errno && c.isSystemError()) {
        return c;
      }
    }
    return null;
  }

  /**
   * The system code whose OS text {@code message} contains ("Too many open files", "Not a
   * directory"...), the longest match winning ("Too many open files in system" is ENFILE, not
   * EMFILE); null if none.
   */
  static ErrorCode ofOsText(String message) {
    if (message == null) {
      return null;
    }
    ErrorCode best = null;
    for (ErrorCode c : VALUES) {
      if (c.osText != null && message.contains(c.osText)
          && (best == null || c.osText.length() > best.osText.length())) {
        best = c;
      }
    }
    return best;
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
