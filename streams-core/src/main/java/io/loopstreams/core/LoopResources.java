package io.loopstreams.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What must be released when a loop terminates: a foreign subscription to cancel, a future on
 * another thread waiting for a promise, a descriptor to close. Each is a close action that the
 * loop runs once, on its thread, after its last task; whoever releases the resource earlier
 * removes its action.
 *
 * <pre>
 *   open ─add→ registered ─remove→ gone
 *                         ─closeAll (loop exit)→ run once
 *   closed: add returns false (the caller releases at once)
 * </pre>
 * Any thread; one lock, taken once per resource and never on a per-chunk path.
 */
final class LoopResources {

  // guarded by this
  private final LinkedHashSet<Runnable> actions = new LinkedHashSet<>();
  private boolean closed;

  /** Registers {@code action}; false if the loop already released its resources. */
  synchronized boolean add(Runnable action) {
    if (closed) {
      return false;
    }
    actions.add(action);
    return true;
  }

  /** Forgets {@code action} (the resource was released another way). */
  synchronized void remove(Runnable action) {
    actions.remove(action);
  }

  /** Closes the registry and returns the actions to run, in registration order. */
  synchronized List<Runnable> closeAll() {
    closed = true;
    List<Runnable> all = new ArrayList<>(actions);
    actions.clear();
    return all;
  }
}
