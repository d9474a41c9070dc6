package io.attentionflow.engine.allocation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Uniformly random among servable items the player has not seen. Keeps the servable items in an
 * array with swap-remove, so a pick is O(1) expected.
 */
public class RandomPolicy implements AllocationPolicy, AllocationState.Listener {

    private static final int TRIES = 32;

    final AllocationState state;
    private final SplittableRandom random;
    private final int[] open;
    private final int[] slot;
    private int size;

    public RandomPolicy(AllocationState state, long seed) {
        this.state = state;
        this.random = new SplittableRandom(seed);
        this.open = new int[state.itemCount()];
        this.slot = new int[state.itemCount()];
        Arrays.fill(slot, -1);
        state.addListener(this);
        allChanged();
    }

    @Override
    public String name() {
        return "random";
    }

    /** True if this policy may serve the item now. */
    boolean eligible(int item) {
        return state.isServable(item);
    }

    @Override
    public void itemChanged(int item) {
        boolean in = slot[item] >= 0;
        boolean should = eligible(item);
        if (should && !in) {
            open[size] = item;
            slot[item] = size++;
        } else if (!should && in) {
            int s = slot[item];
            int last = open[--size];
            open[s] = last;
            slot[last] = s;
            slot[item] = -1;
        }
    }

    @Override
    public void allChanged() {
        for (int i = 0; i < state.itemCount(); i++) {
            itemChanged(i);
        }
    }

    @Override
    public int next(int player, double[] confusion) {
        if (size == 0) {
            return -1;
        }
        for (int t = 0; t < TRIES; t++) {
            int item = open[random.nextInt(size)];
            if (!state.hasSeen(player, item)) {
                return item;
            }
        }
        int start = random.nextInt(size);
        for (int k = 0; k < size; k++) {
            int item = open[(start + k) % size];
            if (!state.hasSeen(player, item)) {
                return item;
            }
        }
        return -1;
    }
}
