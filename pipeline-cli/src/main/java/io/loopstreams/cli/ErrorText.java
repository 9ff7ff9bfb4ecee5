package io.loopstreams.cli;

import io.loopstreams.core.StreamException;
import io.loopstreams.core.SystemException;
import io.loopstreams.zlib.ZlibException;
import java.io.UncheckedIOException;

/**
 * Turns any failure into the text after {@code pipeline: CMD: }: {@code SUBJECT: message} in
 * gzip's manner, e.g. {@code data.gz: unexpected end of file} or {@code a.txt: no such file or
 * directory}. The codes stay Node's; the words are what a person reads.
 */
final class ErrorText {

  private ErrorText() {
  }

  static String of(Throwable error, String defaultSubject) {
    Throwable e = unwrap(error);
    if (e instanceof CliFailure f) {
      return join(f.subject() != null ? f.subject() : defaultSubject, f.getMessage());
    }
    if (e instanceof SystemException se) {
      String subject = se.path() != null ? se.path() : defaultSubject;
      return join(subject, se.code().description());
    }
    if (e instanceof ZlibException ze) {
      return join(defaultSubject, ze.getMessage());
    }
    if (e instanceof StreamException se) {
      return join(defaultSubject, se.getMessage() + " (" + se.codeName() + ")");
    }
    String msg = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    return join(defaultSubject, msg);
  }

  static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof UncheckedIOException || e instanceof java.util.concurrent.CompletionException
        || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String join(String subject, String message) {
    return subject == null ? message : subject + ": " + message;
  }
}
