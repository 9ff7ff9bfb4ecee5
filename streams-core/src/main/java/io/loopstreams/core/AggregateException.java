package io.loopstreams.core;

import java.util.List;

/** Rejection reason of {@link Promise#any} when every promise rejected: JavaScript's AggregateError. */
public final class AggregateException extends RuntimeException {

  private final List<Throwable> errors;

  public AggregateException(String message, List<Throwable> errors) {
    super(message);
    this.errors = List.copyOf(errors);
    errors.forEach(this::addSuppressed);
  }

  /** The rejection reasons, in the order of the input promises. */
  public List<Throwable> errors() {
    return errors;
  }
}
