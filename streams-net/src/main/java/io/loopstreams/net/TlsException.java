package io.loopstreams.net;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.StreamException;

/**
 * A TLS verification failure with Node's code: {@code DEPTH_ZERO_SELF_SIGNED_CERT} ("self-signed
 * certificate"), {@code SELF_SIGNED_CERT_IN_CHAIN}, {@code UNABLE_TO_VERIFY_LEAF_SIGNATURE},
 * {@code CERT_HAS_EXPIRED}, {@code ERR_TLS_CERT_ALTNAME_INVALID}. The JDK's exception is the
 * cause.
 */
public class TlsException extends StreamException {
  private final String reason;

  public TlsException(ErrorCode code, String message, String reason, Throwable cause) {
    super(code, message, cause);
    this.reason = reason;
  }

  /** Node's {@code err.reason} for host name mismatches, otherwise null. */
  public String reason() {
    return reason;
  }
}
