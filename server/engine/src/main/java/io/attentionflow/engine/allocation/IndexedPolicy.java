package io.attentionflow.engine.allocation;

import java.util.SplittableRandom;

/**
 * Base of the policies that keep servable items in a {@link NeedIndex} under a policy-specific key.
 * Each item also gets a fixed seeded jitter so that ties are broken at random but reproducibly.
 */
abstract class IndexedPolicy implements AllocationPolicy, AllocationState.Listener {

    /** Candidates taken from the index for player-specific scoring. */
    static final int CANDIDATES = 16;

    final AllocationState state;
    final NeedIndex index;
    final double[] jitter;
    private final int[] candidates = new int[CANDIDATES];

    IndexedPolicy(AllocationState state, long seed) {
        this.state = state;
        this.index = new NeedIndex(state.itemCount());
        this.jitter = new double[state.itemCount()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < jitter.length; i++) {
            jitter[i] = random.nextDouble();
        }
        state.addListener(this);
        allChanged();
    }

    /** The index key of a servable item: higher is served first. */
    abstract double key(int item);

    @Override
    public void itemChanged(int item) {
        if (state.isServable(item)) {
            index.set(item, key(item));
        } else {
            index.remove(item);
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
        if (player < 0 && confusion == null) {
            return index.peek();
        }
        int n = player < 0 ? index.top(candidates, item -> true, CANDIDATES)
                : index.top(candidates, item -> !state.hasSeen(player, item), maxVisits());
        return n == 0 ? -1 : choose(candidates, n, confusion);
    }

    /** Picks among the best {@code n} eligible candidates (best first); the first by default. */
    int choose(int[] best, int n, double[] confusion) {
        return best[0];
    }

    private int maxVisits() {
        return 64 * CANDIDATES + index.size() / 8;
    }
}
