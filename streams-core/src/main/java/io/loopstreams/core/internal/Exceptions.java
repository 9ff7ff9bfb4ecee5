package io.loopstreams.core.internal;

/**
 * The two throwable utilities every layer needs. Fatal JVM errors must never be turned
 * into a stream {@code ERROR} event or a rejected promise: the JVM is no longer in a state
 * where user callbacks can be trusted to run (Reactor's {@code Exceptions.throwIfJvmFatal}).
 */
public final class Exceptions {
  private Exceptions() {
  }

  /**
   * Rethrows {@code t} if it is a {@link VirtualMachineError} (out of memory, stack
   * overflow), a {@link LinkageError} or a {@link ThreadDeath}; returns otherwise. Call it
   * first in every {@code catch (Throwable)} that converts errors into events.
   */
  public static void throwIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError e) {
      throw e;
    }
    if (t instanceof ThreadDeath e) {
      throw e;
    }
    if (t instanceof LinkageError e) {
      throw e;
    }
  }

  /**
   * Throws {@code t} unchanged, even if checked, without declaring it. Declared to return
   * an exception so call sites can write {@code throw sneakyThrow(t)} and keep the
   * compiler's flow analysis.
   */
  public static RuntimeException sneakyThrow(Throwable t) {
    throw Exceptions.<RuntimeException>sneaky(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
