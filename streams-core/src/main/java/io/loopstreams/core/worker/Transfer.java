package io.loopstreams.core.worker;

import io.loopstreams.core.StreamException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Ownership of a {@code ByteBuffer}'s memory moving to another loop, without a copy: Node's
 * transferred {@code ArrayBuffer}, for a buffer that travels inside a larger message.
 *
 * <pre>{@code
 * port.postMessage(new Resized(id, Transfer.of(pixels)));   // sender: pixels is now empty
 * ByteBuffer mine = msg.pixels().take();                     // receiver, exactly once
 * }</pre>
 *
 * <p>{@link #of} takes a view of the buffer's memory (same array, same native address) and
 * detaches the sender's buffer: its limit and position become 0, so every relative read and
 * write of it fails ({@code BufferUnderflowException}/{@code BufferOverflowException}) and
 * absolute ones fail their index check. {@link #take} hands the view out once; a second call
 * throws {@code ERR_INVALID_STATE}.
 *
 * <h2>What cannot be enforced</h2>
 * Java has no detached buffers: another {@code duplicate()}, {@code slice()} or the backing
 * {@code array()} obtained before the transfer still reaches the same memory, and
 * {@code limit(n)} on the detached buffer re-opens it. The detach catches the common mistake
 * (using the variable after sending it); it is not a security boundary.
 */
public final class Transfer {

  private static final VarHandle TAKEN;

  static {
    try {
      TAKEN = MethodHandles.lookup().findVarHandle(Transfer.class, "taken", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ByteBuffer view;
  private volatile boolean taken;

  private Transfer(ByteBuffer view) {
    this.view = view;
  }

  /** Detaches {@code buffer} and holds a view of its memory for the receiver. */
  public static Transfer of(ByteBuffer buffer) {
    return new Transfer(detach(buffer));
  }

  /**
   * The receiver's buffer: the sender's memory, position and limit as they were at transfer.
   *
   * @throws StreamException {@code ERR_INVALID_STATE} when already taken
   */
  public ByteBuffer take() {
    if (!TAKEN.compareAndSet(this, false, true)) {
      throw StreamException.invalidState("transferred buffer was already taken");
    }
    return view;
  }

  /** Whether {@link #take} was called. */
  public boolean isTaken() {
    return taken;
  }

  /** A view of {@code buffer}'s memory with its position and limit; {@code buffer} emptied. */
  static ByteBuffer detach(ByteBuffer buffer) {
    Objects.requireNonNull(buffer, "buffer");
    ByteBuffer view = buffer.duplicate().order(buffer.order());
    buffer.position(0).limit(0);
    return view;
  }
}
