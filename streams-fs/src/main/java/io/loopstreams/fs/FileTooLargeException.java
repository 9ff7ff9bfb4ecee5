package io.loopstreams.fs;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.StreamException;

/**
 * Node's {@code ERR_FS_FILE_TOO_LARGE} (a {@code RangeError}): {@link Fs#readFile} of a file
 * over 2 GiB, which one buffer cannot hold. {@link #codeName()} is Node's code and the message
 * is Node's, e.g. {@code File size (3221225472) is greater than 2 GiB}.
 *
 * <p>Difference from Node: until core's {@link ErrorCode} carries {@code ERR_FS_FILE_TOO_LARGE},
 * {@link #code()} answers {@link ErrorCode#ERR_OUT_OF_RANGE} (the other range error); test
 * {@code codeName()} or {@code instanceof FileTooLargeException}.
 */
public final class FileTooLargeException extends StreamException {

  private static final long serialVersionUID = 1L;

  /** Node's code string. */
  public static final String CODE = "ERR_FS_FILE_TOO_LARGE";

  public FileTooLargeException(long size) {
    super(ErrorCode.ERR_OUT_OF_RANGE, "File size (" + size + ") is greater than 2 GiB");
  }

  @Override
  public String codeName() {
    return CODE;
  }

  @Override
  public String toString() {
    return getClass().getName() + " [" + CODE + "]: " + getMessage();
  }
}
