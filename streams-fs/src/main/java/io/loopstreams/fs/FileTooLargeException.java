package io.loopstreams.fs;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.StreamException;

/**
 * Node's {@code ERR_FS_FILE_TOO_LARGE} (a {@code RangeError}): {@link Fs#readFile} of a file
 * over 2 GiB, which one buffer cannot hold, with Node's message, e.g. {@code File size
 * (3221225472) is greater than 2 GiB}.
 */
public final class FileTooLargeException extends StreamException {

  private static final long serialVersionUID = 1L;

  public FileTooLargeException(long size) {
    super(ErrorCode.ERR_FS_FILE_TOO_LARGE, "File size (" + size + ") is greater than 2 GiB");
  }
}
