package io.attentionflow.engine.allocation;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A global index of open items by a key (their need for a reference player): an indexed binary
 * max-heap over item ids {@code 0..capacity-1}. Insert, update and remove are O(log n); the best item
 * is O(1); the best {@code m} items that pass a filter (the player has not seen them) come from a
 * best-first walk of the heap that does not change it, O(v log v) for {@code v} visited nodes. The
 * Redis form is one sorted set per project ({@code ZADD}/{@code ZREM}, {@code ZREVRANGE 0 m}).
 *
 * <p>Equal keys go to the lower item id, so the order is deterministic; policies that want random
 * tie-breaking add a small seeded jitter to the key. Not thread-safe: one index per project, guarded
 * by its owner.
 */
public final class NeedIndex {

    private final double[] key;
    private final int[] heap;
    private final int[] position;
    private int size;
    private int[] walk = new int[64];

    /** An empty index for items {@code 0..capacity-1}. */
    public NeedIndex(int capacity) {
        this.key = new double[capacity];
        this.heap = new int[capacity];
        this.position = new int[capacity];
        Arrays.fill(position, -1);
    }

    public int size() { return size; }

    public int capacity() { return key.length; }

    public boolean contains(int item) { return position[item] >= 0; }

    /** The key of an item in the index. */
    public double key(int item) {
        if (position[item] < 0) {
            throw new IllegalArgumentException("item " + item + " is not in the index");
        }
        return key[item];
    }

    /** Inserts {@code item} or changes its key. Keys must not be NaN. */
    public void set(int item, double newKey) {
        if (Double.isNaN(newKey)) {
            throw new IllegalArgumentException("key of item " + item + " is NaN");
        }
        int p = position[item];
        if (p < 0) {
            heap[size] = item;
            position[item] = size;
            key[item] = newKey;
            up(size++);
            return;
        }
        double old = key[item];
        key[item] = newKey;
        if (newKey > old) {
            up(p);
        } else {
            down(p);
        }
    }

    /** Removes {@code item} if present. */
    public void remove(int item) {
        int p = position[item];
        if (p < 0) {
            return;
        }
        int last = heap[--size];
        position[item] = -1;
        if (p == size) {
            return;
        }
        heap[p] = last;
        position[last] = p;
        up(p);
        down(position[last]);
    }

    /** The item with the highest key, or -1 if empty. */
    public int peek() {
        return size == 0 ? -1 : heap[0];
    }

    /**
     * Writes into {@code out} up to {@code out.length} items with the highest keys that pass
     * {@code eligible}, best first, visiting at most {@code maxVisits} heap nodes. The heap is unchanged.
     *
     * @return how many items were written
     */
    public int top(int[] out, IntPredicate eligible, int maxVisits) {
        int found = 0;
        int visits = 0;
        if (size == 0 || out.length == 0) {
            return 0;
        }
        int open = 0;
        walk[open++] = 0;
        while (open > 0 && found < out.length && visits < maxVisits) {
            int p = walk[0];
            walk[0] = walk[--open];
            walkDown(0, open);
            visits++;
            int item = heap[p];
            if (eligible.test(item)) {
                out[found++] = item;
            }
            int c = 2 * p + 1;
            for (int child = c; child <= c + 1 && child < size; child++) {
                if (open == walk.length) {
                    walk = Arrays.copyOf(walk, walk.length * 2);
                }
                walk[open] = child;
                walkUp(open++);
            }
        }
        return found;
    }

    private boolean above(int itemA, int itemB) {
        double a = key[itemA];
        double b = key[itemB];
        return a > b || (a == b && itemA < itemB);
    }

    private void up(int p) {
        int item = heap[p];
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            if (!above(item, heap[parent])) {
                break;
            }
            heap[p] = heap[parent];
            position[heap[p]] = p;
            p = parent;
        }
        heap[p] = item;
        position[item] = p;
    }

    private void down(int p) {
        int item = heap[p];
        while (true) {
            int c = 2 * p + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && above(heap[c + 1], heap[c])) {
                c++;
            }
            if (!above(heap[c], item)) {
                break;
            }
            heap[p] = heap[c];
            position[heap[p]] = p;
            p = c;
        }
        heap[p] = item;
        position[item] = p;
    }

    // the walk heap holds heap positions, ordered by the keys of the items at those positions

    private boolean walkAbove(int posA, int posB) {
        return above(heap[posA], heap[posB]);
    }

    private void walkUp(int w) {
        int v = walk[w];
        while (w > 0) {
            int parent = (w - 1) >>> 1;
            if (!walkAbove(v, walk[parent])) {
                break;
            }
            walk[w] = walk[parent];
            w = parent;
        }
        walk[w] = v;
    }

    private void walkDown(int w, int open) {
        if (open == 0) {
            return;
        }
        int v = walk[w];
        while (true) {
            int c = 2 * w + 1;
            if (c >= open) {
                break;
            }
            if (c + 1 < open && walkAbove(walk[c + 1], walk[c])) {
                c++;
            }
            if (!walkAbove(walk[c], v)) {
                break;
            }
            walk[w] = walk[c];
            w = c;
        }
        walk[w] = v;
    }

    /** Checks the heap invariant; for tests and asserts. */
    boolean isHeap() {
        for (int p = 1; p < size; p++) {
            if (above(heap[p], heap[(p - 1) >>> 1])) {
                return false;
            }
            if (position[heap[p]] != p) {
                return false;
            }
        }
        return true;
    }
}
