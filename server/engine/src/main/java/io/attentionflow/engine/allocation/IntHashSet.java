package io.attentionflow.engine.allocation;

import java.util.Arrays;

/** A set of non-negative ints with open addressing (linear probing): no boxing. Not thread-safe. */
final class IntHashSet {

    private static final int FREE = -1;
    private int[] slots = new int[8];
    private int size;

    IntHashSet() {
        Arrays.fill(slots, FREE);
    }

    int size() { return size; }

    boolean contains(int value) {
        int mask = slots.length - 1;
        for (int s = mix(value) & mask; ; s = (s + 1) & mask) {
            int v = slots[s];
            if (v == FREE) {
                return false;
            }
            if (v == value) {
                return true;
            }
        }
    }

    /** Adds {@code value >= 0}; false if it was there already. */
    boolean add(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int s = mix(value) & mask; ; s = (s + 1) & mask) {
            int v = slots[s];
            if (v == value) {
                return false;
            }
            if (v == FREE) {
                slots[s] = value;
                size++;
                return true;
            }
        }
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        Arrays.fill(slots, FREE);
        size = 0;
        for (int v : old) {
            if (v != FREE) {
                add(v);
            }
        }
    }

    private static int mix(int x) {
        int h = x * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
