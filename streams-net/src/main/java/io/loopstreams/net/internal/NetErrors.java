package io.loopstreams.net.internal;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.StreamException;
import io.loopstreams.net.NetException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

/**
 * Netty and JDK socket failures as Node's errors ({@link NetException}), with Node's messages:
 * <pre>
 *   connect ECONNREFUSED 127.0.0.1:1            (syscall connect, address, port)
 *   getaddrinfo ENOTFOUND nosuch.invalid        (syscall getaddrinfo, hostname)
 *   read ECONNRESET                             (syscall read)
 *   write EPIPE                                 (syscall write)
 *   listen EADDRINUSE: address already in use 127.0.0.1:8080   (syscall listen, address, port)
 * </pre>
 * TLS failures go through {@link TlsErrors}; an error that already carries a code is kept.
 */
public final class NetErrors {

  private NetErrors() {
  }

  /** A failure to connect to {@code host:port}. */
  public static RuntimeException connect(Throwable t, String host, int port) {
    RuntimeException tls = TlsErrors.map(t);
    if (tls != null) {
      return tls;
    }
    Throwable root = TlsErrors.unwrap(t);
    if (root instanceof StreamException e) {
      return e;
    }
    if (root instanceof UnknownHostException) {
      return new NetException(ErrorCode.ENOTFOUND, "getaddrinfo ENOTFOUND " + host, "getaddrinfo",
          null, -1, host, t);
    }
    ErrorCode code = codeOf(root, root instanceof ConnectException ? ErrorCode.ECONNREFUSED : null);
    if (code == ErrorCode.ECONNREFUSED) {
      return new NetException(code, "connect " + code.code() + " " + host + ":" + port, "connect",
          host, port, null, t);
    }
    return io(t, "connect");
  }

  /** A failure of an established connection, during {@code syscall} ("read" or "write"). */
  public static RuntimeException io(Throwable t, String syscall) {
    RuntimeException tls = TlsErrors.map(t);
    if (tls != null) {
      return tls;
    }
    Throwable root = TlsErrors.unwrap(t);
    if (root instanceof StreamException e) {
      return e;
    }
    ErrorCode code = codeOf(root, root instanceof ClosedChannelException ? ErrorCode.EPIPE : ErrorCode.EIO);
    return new NetException(code, syscall + " " + code.code(), syscall, null, -1, null, t);
  }

  /** A failure to listen on {@code host:port}. */
  public static RuntimeException listen(Throwable t, String host, int port) {
    Throwable root = TlsErrors.unwrap(t);
    ErrorCode code = root instanceof BindException || codeOf(root, null) == ErrorCode.EADDRINUSE
        ? ErrorCode.EADDRINUSE : codeOf(root, ErrorCode.EIO);
    return new NetException(code, "listen " + code.code() + ": " + code.description() + " " + host + ":" + port,
        "listen", host, port, null, t);
  }

  /** The code that the OS text in a message names, or {@code otherwise}. */
  static ErrorCode codeOf(Throwable t, ErrorCode otherwise) {
    String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (m.contains("connection reset")) {
      return ErrorCode.ECONNRESET;
    }
    if (m.contains("broken pipe")) {
      return ErrorCode.EPIPE;
    }
    if (m.contains("connection refused")) {
      return ErrorCode.ECONNREFUSED;
    }
    if (m.contains("address already in use")) {
      return ErrorCode.EADDRINUSE;
    }
    if (m.contains("timed out")) {
      return ErrorCode.ETIMEDOUT;
    }
    return otherwise;
  }
}
