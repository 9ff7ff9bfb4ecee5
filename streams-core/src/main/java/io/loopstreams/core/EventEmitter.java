package io.loopstreams.core;

import io.loopstreams.core.internal.LazyLogger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Node's {@code EventEmitter} with typed keys: the base of every stream. Emission is
 * synchronous and in registration order, and follows {@code lib/events.js} exactly where
 * the order is observable:
 * <ul>
 *   <li>{@code emit} iterates a snapshot taken when it starts: a listener added during the
 *       emit is not called by it, a listener removed during the emit still is;</li>
 *   <li>a {@code once} listener is removed before it runs and fires at most once, even when
 *       it re-enters {@code emit};</li>
 *   <li>{@link #NEW_LISTENER} fires before the listener is added, {@link #REMOVE_LISTENER}
 *       after it is removed, both with the listener the caller passed in;</li>
 *   <li>{@code off} removes the most recently added match; {@code removeAllListeners}
 *       removes last-in first-out;</li>
 *   <li>{@link #ERROR} with no listener throws (after {@link #ERROR_MONITOR} listeners).</li>
 * </ul>
 *
 * <p>Not thread-safe: an emitter belongs to one loop thread. Streams that extend it check
 * the thread at their public methods; this class does not, to keep {@code emit} cheap.
 *
 * <p><b>Differences from Node.</b>
 * <ul>
 *   <li>Events are {@link Event} keys compared by identity, not strings or symbols, and
 *       carry one payload (use a record for several values).</li>
 *   <li>No {@code rawListeners}: once-wrappers stay internal; {@link #listeners} returns
 *       the instances passed in.</li>
 *   <li>Emitting {@link #ERROR} with no listener throws an unchecked exception or
 *       {@link Error} as-is; a checked exception (which Java cannot throw undeclared) is
 *       wrapped in {@code ERR_UNHANDLED_ERROR} with the original as cause.</li>
 *   <li>The max-listeners warning is logged synchronously through {@link System.Logger}
 *       instead of {@code process.emitWarning}, at most once per event for the emitter's
 *       lifetime (Node re-arms it when the listener array shrinks back to one). {@code 0}
 *       disables it; there is no {@code Infinity}.</li>
 *   <li>No {@code captureRejections} and no static {@code events.once}/{@code events.on}.</li>
 * </ul>
 */
public class EventEmitter {
  /** Node's {@code 'error'}; see {@link #emit} for what happens with no listener. */
  public static final Event<Throwable> ERROR = Event.of("error");
  /** Node's {@code errorMonitor}: observes {@link #ERROR} first, without handling it. */
  public static final Event<Throwable> ERROR_MONITOR = Event.of("errorMonitor");
  public static final Event<ListenerChange> NEW_LISTENER = Event.of("newListener");
  public static final Event<ListenerChange> REMOVE_LISTENER = Event.of("removeListener");

  private static final LazyLogger LOG = new LazyLogger("io.loopstreams.core.EventEmitter");
  private static volatile int defaultMaxListeners = 10;

  // Loop thread only. keys[i] maps to slots[i]: a Listener when it has exactly one, an
  // Object[] of Listeners (length >= 2) otherwise. The arrays are never written after they
  // are stored; add and remove store a new one, so emit's snapshot is the array it read.
  private Event<?>[] keys;
  private Object[] slots;
  private int size;
  // A direct-mapped cache of find(), indexed by Event.id: a stream looks up DATA, DRAIN, PAUSE,
  // RESUME... several times per chunk. Created on the first find; emptied by every change of
  // keys/slots (invalidate()). A cached miss (null slot) is valid too.
  private Event<?>[] cacheKeys;
  private Object[] cacheSlots;
  private static final int CACHE_MASK = 15;
  private int maxListeners = -1; // -1: follow defaultMaxListeners, as Node's undefined
  private List<Event<?>> warned; // events already reported as leaking; null until then

  // ---- adding -------------------------------------------------------------------------

  public <T> EventEmitter on(Event<T> event, Listener<? super T> listener) {
    return add(event, listener, requireListener(listener), false);
  }

  /** For events whose payload the listener ignores, typically {@code Event<Void>}. */
  public EventEmitter on(Event<?> event, Runnable listener) {
    return add(event, listener, new Wrapper(requireListener(listener), true, null, null), false);
  }

  public <T> EventEmitter once(Event<T> event, Listener<? super T> listener) {
    return add(event, listener, new Wrapper(requireListener(listener), false, this, event), false);
  }

  public EventEmitter once(Event<?> event, Runnable listener) {
    return add(event, listener, new Wrapper(requireListener(listener), true, this, event), false);
  }

  public <T> EventEmitter prependListener(Event<T> event, Listener<? super T> listener) {
    return add(event, listener, requireListener(listener), true);
  }

  public EventEmitter prependListener(Event<?> event, Runnable listener) {
    return add(event, listener, new Wrapper(requireListener(listener), true, null, null), true);
  }

  public <T> EventEmitter prependOnceListener(Event<T> event, Listener<? super T> listener) {
    return add(event, listener, new Wrapper(requireListener(listener), false, this, event), true);
  }

  public EventEmitter prependOnceListener(Event<?> event, Runnable listener) {
    return add(event, listener, new Wrapper(requireListener(listener), true, this, event), true);
  }

  // ---- removing -----------------------------------------------------------------------

  /** Removes the most recently added registration of {@code listener}, once or not. */
  public <T> EventEmitter off(Event<T> event, Listener<? super T> listener) {
    remove(Objects.requireNonNull(event, "event"), requireListener(listener));
    return this;
  }

  /** Removes a {@link Runnable} registered with {@code on}/{@code once}, by the same instance. */
  public EventEmitter off(Event<?> event, Runnable listener) {
    remove(Objects.requireNonNull(event, "event"), requireListener(listener));
    return this;
  }

  /** Removes every listener of every event, {@link #REMOVE_LISTENER}'s own last. */
  public EventEmitter removeAllListeners() {
    if (size > 0 && find(REMOVE_LISTENER) != null) {
      for (Event<?> e : Arrays.copyOf(keys, size)) {
        if (e != REMOVE_LISTENER) {
          removeAllListeners(e);
        }
      }
      removeAllListeners(REMOVE_LISTENER);
    }
    // Like Node, also drops whatever REMOVE_LISTENER handlers added meanwhile.
    if (size > 0) {
      Event<?>[] dropped = Arrays.copyOf(keys, size);
      Arrays.fill(keys, 0, size, null);
      Arrays.fill(slots, 0, size, null);
      size = 0;
      invalidate();
      for (Event<?> e : dropped) {
        listenerRemoved(e);
      }
    }
    return this;
  }

  /** Removes the listeners of {@code event}, last added first. */
  public EventEmitter removeAllListeners(Event<?> event) {
    int i = indexOf(Objects.requireNonNull(event, "event"));
    if (i < 0) {
      return this;
    }
    if (find(REMOVE_LISTENER) == null) {
      removeSlot(i);
      listenerRemoved(event);
      return this;
    }
    Object slot = slots[i];
    if (slot instanceof Object[] all) {
      for (int j = all.length - 1; j >= 0; j--) {
        remove(event, all[j]);
      }
    } else {
      remove(event, slot);
    }
    return this;
  }

  // ---- emitting -----------------------------------------------------------------------

  /**
   * Calls the listeners of {@code event} synchronously, in order, with {@code value};
   * returns whether there were any. For {@link #ERROR}, {@link #ERROR_MONITOR} listeners
   * run first, and with no {@code ERROR} listener the error is thrown: as-is if unchecked,
   * else wrapped in a {@link StreamException} with code {@code ERR_UNHANDLED_ERROR}.
   */
  public <T> boolean emit(Event<T> event, T value) {
    if (event == ERROR) {
      return emitError((Throwable) value);
    }
    return fire(Objects.requireNonNull(event, "event"), value);
  }

  /** {@code emit(event, null)}, for payload-less events. */
  public boolean emit(Event<Void> event) {
    return emit(event, null);
  }

  private boolean emitError(Throwable error) {
    fire(ERROR_MONITOR, error);
    if (fire(ERROR, error)) {
      return true;
    }
    if (error instanceof RuntimeException e) {
      throw e;
    }
    if (error instanceof Error e) {
      throw e;
    }
    throw StreamException.unhandledError(error);
  }

  @SuppressWarnings("unchecked")
  private boolean fire(Event<?> event, Object value) {
    Object slot = find(event);
    if (slot == null) {
      return false;
    }
    if (slot instanceof Object[] snapshot) {
      for (Object l : snapshot) {
        ((Listener<Object>) l).on(value);
      }
    } else {
      ((Listener<Object>) slot).on(value);
    }
    return true;
  }

  // ---- inspecting ---------------------------------------------------------------------

  public int listenerCount(Event<?> event) {
    Object slot = find(event);
    return slot == null ? 0 : slot instanceof Object[] all ? all.length : 1;
  }

  /** A copy of the listeners of {@code event} as passed in (never once-wrappers). */
  public List<Object> listeners(Event<?> event) {
    Object slot = find(event);
    if (slot == null) {
      return List.of();
    }
    if (!(slot instanceof Object[] all)) {
      return List.of(Wrapper.unwrap(slot));
    }
    List<Object> out = new ArrayList<>(all.length);
    for (Object l : all) {
      out.add(Wrapper.unwrap(l));
    }
    return List.copyOf(out);
  }

  /** The events that have listeners, in the order they first got one. */
  public List<Event<?>> eventNames() {
    return size == 0 ? List.of() : List.of(Arrays.copyOf(keys, size));
  }

  // ---- max listeners ------------------------------------------------------------------

  /** Sets the count above which a leak warning is logged; {@code 0} disables it. */
  public EventEmitter setMaxListeners(int n) {
    if (n < 0) {
      throw StreamException.outOfRange("setMaxListeners", ">= 0", n);
    }
    maxListeners = n;
    return this;
  }

  public int getMaxListeners() {
    return maxListeners < 0 ? defaultMaxListeners : maxListeners;
  }

  /** Node's {@code EventEmitter.defaultMaxListeners}: applies to emitters with no own limit. */
  public static void setDefaultMaxListeners(int n) {
    if (n < 0) {
      throw StreamException.outOfRange("defaultMaxListeners", ">= 0", n);
    }
    defaultMaxListeners = n;
  }

  public static int getDefaultMaxListeners() {
    return defaultMaxListeners;
  }

  /** Where the leak warning goes; package-private so tests can capture it. */
  void warn(String message) {
    LOG.log(System.Logger.Level.WARNING, message);
  }

  // ---- table --------------------------------------------------------------------------

  private EventEmitter add(Event<?> event, Object original, Listener<?> stored, boolean prepend) {
    Objects.requireNonNull(event, "event");
    if (find(NEW_LISTENER) != null) {
      fire(NEW_LISTENER, new ListenerChange(event, original));
    }
    int i = indexOf(event); // looked up again: NEW_LISTENER handlers may have changed it
    if (i < 0) {
      addSlot(event, stored);
      listenerAdded(event);
      return this;
    }
    Object slot = slots[i];
    Object[] next;
    if (slot instanceof Object[] all) {
      next = new Object[all.length + 1];
      System.arraycopy(all, 0, next, prepend ? 1 : 0, all.length);
      next[prepend ? 0 : all.length] = stored;
    } else {
      next = prepend ? new Object[] {stored, slot} : new Object[] {slot, stored};
    }
    slots[i] = next;
    invalidate();
    checkLeak(event, next.length);
    listenerAdded(event);
    return this;
  }

  /** Called after a listener of {@code event} was added; streams react to DATA and READABLE. */
  protected void listenerAdded(Event<?> event) {
  }

  /** Called after a listener of {@code event} was removed. */
  protected void listenerRemoved(Event<?> event) {
  }

  private void checkLeak(Event<?> event, int count) {
    int max = getMaxListeners();
    if (max <= 0 || count <= max || (warned != null && warned.contains(event))) {
      return;
    }
    if (warned == null) {
      warned = new ArrayList<>(2);
    }
    warned.add(event);
    String name = getClass().getSimpleName().isEmpty() ? getClass().getName() : getClass().getSimpleName();
    warn("Possible EventEmitter memory leak detected. " + count + " " + event.name()
        + " listeners added to [" + name + "]. MaxListeners is " + max
        + ". Use emitter.setMaxListeners() to increase limit");
  }

  /** Removes the last registration matching {@code target}, then reports it. */
  private void remove(Event<?> event, Object target) {
    int i = indexOf(event);
    if (i < 0) {
      return;
    }
    Object slot = slots[i];
    Object removed;
    if (slot instanceof Object[] all) {
      int pos = all.length - 1;
      while (pos >= 0 && !Wrapper.matches(all[pos], target)) {
        pos--;
      }
      if (pos < 0) {
        return;
      }
      removed = all[pos];
      slots[i] = all.length == 2 ? all[1 - pos] : without(all, pos);
      invalidate();
    } else {
      if (!Wrapper.matches(slot, target)) {
        return;
      }
      removed = slot;
      removeSlot(i);
    }
    listenerRemoved(event);
    if (find(REMOVE_LISTENER) != null) {
      fire(REMOVE_LISTENER, new ListenerChange(event, Wrapper.unwrap(removed)));
    }
  }

  private static Object[] without(Object[] all, int pos) {
    Object[] next = new Object[all.length - 1];
    System.arraycopy(all, 0, next, 0, pos);
    System.arraycopy(all, pos + 1, next, pos, all.length - pos - 1);
    return next;
  }

  private Object find(Event<?> event) {
    Event<?>[] ck = cacheKeys;
    int h = event.id & CACHE_MASK;
    if (ck != null && ck[h] == event) {
      return cacheSlots[h];
    }
    Object found = null;
    Event<?>[] k = keys;
    for (int i = 0; i < size; i++) {
      if (k[i] == event) {
        found = slots[i];
        break;
      }
    }
    if (ck == null) {
      cacheKeys = ck = new Event<?>[CACHE_MASK + 1];
      cacheSlots = new Object[CACHE_MASK + 1];
    }
    ck[h] = event;
    cacheSlots[h] = found;
    return found;
  }

  private void invalidate() {
    if (cacheKeys != null) {
      Arrays.fill(cacheKeys, null);
    }
  }

  private int indexOf(Event<?> event) {
    for (int i = 0; i < size; i++) {
      if (keys[i] == event) {
        return i;
      }
    }
    return -1;
  }

  private void addSlot(Event<?> event, Object listener) {
    if (keys == null) {
      keys = new Event<?>[4];
      slots = new Object[4];
    } else if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      slots = Arrays.copyOf(slots, size * 2);
    }
    keys[size] = event;
    slots[size] = listener;
    size++;
    invalidate();
  }

  /** Shifts rather than swaps, so {@link #eventNames()} keeps insertion order. */
  private void removeSlot(int i) {
    int tail = size - i - 1;
    System.arraycopy(keys, i + 1, keys, i, tail);
    System.arraycopy(slots, i + 1, slots, i, tail);
    size--;
    keys[size] = null;
    slots[size] = null;
    invalidate();
  }

  private static <L> L requireListener(L listener) {
    return Objects.requireNonNull(listener, "listener must not be null");
  }

  /**
   * Adapts a {@link Runnable} to {@link Listener} and implements {@code once}. A once
   * wrapper sets {@code fired} and removes itself before calling, so a re-entrant emit
   * cannot reach it and an older snapshot that still holds it skips it.
   */
  private static final class Wrapper implements Listener<Object> {
    final Object original;
    private final boolean runnable;   // original is called as a Runnable
    private final EventEmitter owner; // null unless once
    private final Event<?> event;
    private boolean fired;

    Wrapper(Object original, boolean runnable, EventEmitter owner, Event<?> event) {
      this.original = original;
      this.runnable = runnable;
      this.owner = owner;
      this.event = event;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void on(Object value) {
      if (owner != null) {
        if (fired) {
          return;
        }
        fired = true;
        owner.remove(event, this);
      }
      if (runnable) {
        ((Runnable) original).run();
      } else {
        ((Listener<Object>) original).on(value);
      }
    }

    static boolean matches(Object stored, Object target) {
      return stored == target || (stored instanceof Wrapper w && w.original == target);
    }

    static Object unwrap(Object stored) {
      return stored instanceof Wrapper w ? w.original : stored;
    }
  }
}
