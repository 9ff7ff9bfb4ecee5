package io.loopstreams.core.internal;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Reactor's Exceptions.throwIfJvmFatal contract, and sneakyThrow. */
class ExceptionsTest {

  @Test
  void fatalJvmErrorsAreRethrownAsIs() {
    OutOfMemoryError oom = new OutOfMemoryError("test");
    LinkageError linkage = new NoClassDefFoundError("test");
    StackOverflowError so = new StackOverflowError();

    assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Exceptions.throwIfFatal(oom)));
    assertSame(linkage, assertThrows(LinkageError.class, () -> Exceptions.throwIfFatal(linkage)));
    assertSame(so, assertThrows(StackOverflowError.class, () -> Exceptions.throwIfFatal(so)));
  }

  @Test
  void ordinaryThrowablesPassThrough() {
    Exceptions.throwIfFatal(new IllegalStateException("x"));
    Exceptions.throwIfFatal(new IOException("x"));
    Exceptions.throwIfFatal(new AssertionError("x"));
  }

  @Test
  void sneakyThrowThrowsACheckedExceptionUnchanged() {
    IOException io = new IOException("checked");

    assertSame(io, assertThrows(IOException.class, () -> {
      throw Exceptions.sneakyThrow(io);
    }));
  }
}
