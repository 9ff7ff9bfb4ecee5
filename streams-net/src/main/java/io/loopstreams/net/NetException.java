package io.loopstreams.net;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.SystemException;

/**
 * A socket or server failure as Node reports it: {@code code}, {@code syscall} and the peer's
 * {@code address}/{@code port} (or the {@code hostname} of a failed lookup), with Node's message,
 * e.g. {@code connect ECONNREFUSED 127.0.0.1:1}. The Netty or JDK exception is the cause.
 *
 * <p>Differences from Node: {@code errno} comes from {@link ErrorCode} (Linux values).
 */
public class NetException extends SystemException {
  private final String address;
  private final int port;
  private final String hostname;

  public NetException(ErrorCode code, String message, String syscall, String address, int port,
      String hostname, Throwable cause) {
    super(code, message, syscall, null, cause);
    this.address = address;
    this.port = port;
    this.hostname = hostname;
  }

  /** The peer's or the bound address, or null. */
  public String address() {
    return address;
  }

  /** The peer's or the bound port, or -1. */
  public int port() {
    return port;
  }

  /** The name that failed to resolve ({@code ENOTFOUND}), or null. */
  public String hostname() {
    return hostname;
  }
}
