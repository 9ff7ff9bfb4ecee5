package io.loopstreams.core.internal;

import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by (due time, sequence number), with O(log n) removal of
 * any element through the index each element keeps of itself. Loop thread only.
 *
 * @param <E> the element type; it exposes its keys and index through {@link Accessor}
 */
public final class TimerHeap<E> {

  /** How the heap reads an element's keys and stores its position. */
  public interface Accessor<E> {
    long due(E e);

    long seq(E e);

    int index(E e);

    void index(E e, int index);
  }

  private final Accessor<E> acc;
  private Object[] heap = new Object[16];
  private int size;

  public TimerHeap(Accessor<E> accessor) {
    this.acc = accessor;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  @SuppressWarnings("unchecked")
  public E peek() {
    return size == 0 ? null : (E) heap[0];
  }

  public void add(E e) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = e;
    acc.index(e, size);
    siftUp(size++);
  }

  /** Removes {@code e} if it is in the heap; returns whether it was. */
  @SuppressWarnings("unchecked")
  public boolean remove(E e) {
    int i = acc.index(e);
    if (i < 0 || i >= size || heap[i] != e) {
      return false;
    }
    acc.index(e, -1);
    int last = --size;
    if (i != last) {
      E moved = (E) heap[last];
      heap[i] = moved;
      acc.index(moved, i);
      heap[last] = null;
      siftDown(i);
      if (heap[i] == moved) {
        siftUp(i);
      }
    } else {
      heap[last] = null;
    }
    return true;
  }

  public E poll() {
    E top = peek();
    if (top != null) {
      remove(top);
    }
    return top;
  }

  @SuppressWarnings("unchecked")
  private boolean less(int a, int b) {
    E x = (E) heap[a];
    E y = (E) heap[b];
    long dx = acc.due(x);
    long dy = acc.due(y);
    // due times are System.nanoTime() values: compare by difference to survive wrap-around
    if (dx != dy) {
      return dx - dy < 0;
    }
    return acc.seq(x) < acc.seq(y);
  }

  private void swap(int a, int b) {
    Object t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
    @SuppressWarnings("unchecked") E ea = (E) heap[a];
    @SuppressWarnings("unchecked") E eb = (E) heap[b];
    acc.index(ea, a);
    acc.index(eb, b);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(i, parent)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int r = l + 1;
      int min = r < size && less(r, l) ? r : l;
      if (!less(min, i)) {
        return;
      }
      swap(i, min);
      i = min;
    }
  }
}
